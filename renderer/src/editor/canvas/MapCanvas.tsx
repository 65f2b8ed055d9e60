import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { Layer, Stage } from 'react-konva';
import type { Point } from '../../../../shared/geometry/types';
import type { DerivedStage } from '../../../../shared/map/derive';
import type { MapDocument } from '../../../../shared/map/document';
import type { Preview, Selection } from '../tools/types';
import { ClockGuide, Grid, PreviousStages } from './BaseShapes';
import { MarkShapes } from './MarkShapes';
import { OverlayShapes } from './OverlayShapes';
import { BlockLabels, SpecimenShapes } from './SpecimenShapes';
import { toWorld, zoomAt, type View } from './view';

export interface CanvasPointer {
  readonly type: 'down' | 'move' | 'up' | 'cancel';
  readonly point: Point;
  readonly shift: boolean;
}

/**
 * The map canvas. It only draws the document and reports pointer intents in millimetres;
 * hit testing and editing live in the tools. Four layers: base (grid, clock, earlier
 * stages), specimen (blocks, outline, cuts), marks (inks, findings, labels), overlay.
 */
export function MapCanvas(props: {
  readonly width: number;
  readonly height: number;
  readonly view: View;
  readonly onView: (v: View) => void;
  readonly doc: MapDocument;
  readonly derived: DerivedStage;
  readonly previous: readonly { number: number; derived: DerivedStage }[];
  readonly selection: Selection | null;
  readonly showHandles: boolean;
  readonly clockGuide: boolean;
  readonly preview: Preview | null;
  readonly onPointer: (e: CanvasPointer) => void;
}) {
  const { width, height, view, onView, onPointer } = props;
  const [spaceDown, setSpaceDown] = useState(false);
  const pan = useRef<{ x: number; y: number; view: View } | null>(null);

  // Space held: drags pan instead of drawing (as in drawing programs).
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !isTyping(e)) {
        setSpaceDown(true);
        e.preventDefault();
      }
    };
    const up = (e: KeyboardEvent) => e.code === 'Space' && setSpaceDown(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);

  const pointerOf = (e: Konva.KonvaEventObject<PointerEvent>, type: CanvasPointer['type']): CanvasPointer | null => {
    const pos = e.target.getStage()?.getPointerPosition();
    return pos ? { type, point: toWorld(view, pos), shift: e.evt.shiftKey } : null;
  };

  return (
    <Stage
      width={width}
      height={height}
      className={spaceDown ? 'map-canvas map-canvas--pan' : 'map-canvas'}
      onPointerDown={(e) => {
        e.evt.preventDefault();
        (e.target.getStage()?.content as HTMLElement | undefined)?.setPointerCapture?.(e.evt.pointerId);
        if (spaceDown || e.evt.button === 1) {
          pan.current = { x: e.evt.clientX, y: e.evt.clientY, view };
          return;
        }
        const p = pointerOf(e, 'down');
        if (p) onPointer(p);
      }}
      onPointerMove={(e) => {
        if (pan.current) {
          const start = pan.current;
          onView({ ...start.view, ox: start.view.ox + e.evt.clientX - start.x, oy: start.view.oy + e.evt.clientY - start.y });
          return;
        }
        const p = pointerOf(e, 'move');
        if (p) onPointer(p);
      }}
      onPointerUp={(e) => {
        if (pan.current) {
          pan.current = null;
          return;
        }
        const p = pointerOf(e, 'up');
        if (p) onPointer(p);
      }}
      onPointerCancel={(e) => {
        pan.current = null;
        const p = pointerOf(e, 'cancel');
        if (p) onPointer(p);
      }}
      onWheel={(e) => {
        e.evt.preventDefault();
        const pos = e.target.getStage()?.getPointerPosition();
        if (pos) onView(zoomAt(view, pos, Math.exp(-e.evt.deltaY * 0.0015)));
      }}
    >
      <Layer listening={false}>
        <Grid view={view} width={width} height={height} />
        {props.clockGuide && <ClockGuide view={view} radiusMm={Math.max(12, (Math.min(width, height) * 0.42) / view.scale)} />}
        <PreviousStages view={view} stages={props.previous} />
      </Layer>
      <Layer listening={false}>
        <SpecimenShapes view={view} derived={props.derived} cuts={props.doc.cuts} />
      </Layer>
      <Layer listening={false}>
        <MarkShapes view={view} derived={props.derived} doc={props.doc} />
        <BlockLabels view={view} derived={props.derived} />
      </Layer>
      <Layer listening={false}>
        <OverlayShapes view={view} doc={props.doc} derived={props.derived} selection={props.selection} showHandles={props.showHandles} preview={props.preview} />
      </Layer>
    </Stage>
  );
}

const isTyping = (e: KeyboardEvent) => {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
};
