import { cutTool } from './cutTool';
import { deepTumorTool } from './deepTumorTool';
import { edgeFindingTool } from './edgeFindingTool';
import { ellipseTool } from './ellipseTool';
import { freehandTool } from './freehandTool';
import { inkTool, markTool, noteTool } from './clickTools';
import { polygonTool } from './polygonTool';
import { selectTool } from './selectTool';
import type { Tool, ToolId } from './types';

export function createTool(id: ToolId): Tool {
  switch (id) {
    case 'select':
      return selectTool();
    case 'ellipse':
      return ellipseTool();
    case 'polygon':
      return polygonTool();
    case 'freehand':
      return freehandTool();
    case 'cut':
      return cutTool();
    case 'mark':
      return markTool();
    case 'ink':
      return inkTool();
    case 'tumor-edge':
      return edgeFindingTool('tumor-peripheral');
    case 'incomplete':
      return edgeFindingTool('incomplete');
    case 'tumor-deep':
      return deepTumorTool();
    case 'note':
      return noteTool();
  }
}

export type { Tool, ToolContext, ToolId, ToolStateName, Selection, Preview, PointerEvent } from './types';
