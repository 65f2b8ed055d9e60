import { useMemo, useState, useSyncExternalStore, type RefObject } from 'react';
import { deriveStage, type DerivedStage } from '../../../../shared/map/derive';
import type { BlockLabelConvention } from '../../../../shared/records';
import { MapCanvas, type CanvasPointer } from '../canvas/MapCanvas';
import type { View } from '../canvas/view';
import type { EditorStore } from '../state/editorStore';
import type { Selection, Tool } from '../tools/types';

/**
 * The canvas follows the document as it is this moment (mid-drag included), apart from the
 * panels around it, which follow the last finished gesture: a drag re-renders only this.
 */
export function LiveCanvas(props: {
  readonly store: EditorStore;
  readonly stageNumber: number;
  readonly convention: BlockLabelConvention;
  readonly width: number;
  readonly height: number;
  readonly view: View;
  readonly onView: (v: View) => void;
  readonly previous: readonly { number: number; derived: DerivedStage }[];
  readonly selection: Selection | null;
  readonly showHandles: boolean;
  readonly clockGuide: boolean;
  readonly tool: RefObject<Tool>;
  readonly onPointer: (e: CanvasPointer) => void;
}) {
  const { store, stageNumber, convention } = props;
  const live = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const derived = useMemo(() => deriveStage(live.doc, stageNumber, convention), [live.doc, stageNumber, convention]);
  // Tool previews (a rubber-band ellipse, a stroke) change without the document changing.
  const [, setTick] = useState(0);
  return (
    <MapCanvas
      width={props.width}
      height={props.height}
      view={props.view}
      onView={props.onView}
      doc={live.doc}
      derived={derived}
      previous={props.previous}
      selection={props.selection}
      showHandles={props.showHandles}
      clockGuide={props.clockGuide}
      preview={props.tool.current.preview()}
      onPointer={(e) => {
        props.onPointer(e);
        setTick((n) => n + 1);
      }}
    />
  );
}
