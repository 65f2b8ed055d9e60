import type Konva from 'konva';
import { memo, startTransition, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Group, Layer, Stage } from './konva';
import type { DerivedStage } from '../../../../shared/map/derive';
import { focusPlace } from '../session/keyScope';
import type { Selection } from '../tools/types';
import { ClockGuide, Grid, PreviousStages, ScaleBar } from './BaseShapes';
import { MarkShapes } from './MarkShapes';
import { PhotoLayer, type Underlay } from './PhotoLayer';
import type { CanvasPointer } from './pointer';
import { OverlayShapes } from './OverlayShapes';
import { BlockLabels, SpecimenShapes } from './SpecimenShapes';
import type { LiveMap } from './liveMap';
import { useRedrawRegion } from './redrawRegion';
import { mapTransform, toWorld, type View } from './view';
import { wheelView } from '../session/wheel';

/**
 * The map canvas. It only draws the document and reports pointer intents in millimetres;
 * hit testing and editing live in the tools. Its layers: base (grid and scale bar in screen
 * pixels, clock, earlier stages), the stage (blocks, outline, cuts, then inks, findings,
 * labels; two layers over a wound photo), overlay; all but the grid and scale bar in map
 * millimetres under the view's transform.
 * The document, its derivation and the tool's preview come from `live`, read by the layers
 * that draw them: a pointer move of a drag re-renders those layers, not this component.
 */
export function MapCanvas(props: {
  readonly width: number;
  readonly height: number;
  readonly view: View;
  readonly onView: (v: View) => void;
  readonly live: LiveMap;
  readonly previous: readonly { number: number; derived: DerivedStage }[];
  readonly selection: Selection | null;
  readonly showHandles: boolean;
  readonly clockGuide: boolean;
  readonly onPointer: (e: CanvasPointer) => void;
  /** Calibrated wound photos drawn under the map (none: no layer at all). */
  readonly underlays?: readonly Underlay[];
}) {
  const { width, height, view, onView, onPointer, live } = props;
  const [spaceDown, setSpaceDown] = useState(false);
  const pan = useRef<{ x: number; y: number; view: View } | null>(null);
  // Pens report moves faster than the screen refreshes: handle at most one move per frame.
  const latest = useRef(onPointer);
  latest.current = onPointer;
  const pendingMove = useRef<CanvasPointer | null>(null);
  const frame = useRef<number | null>(null);
  const flushMove = () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    const move = pendingMove.current;
    pendingMove.current = null;
    if (move) latest.current(move);
  };

  // Space held on the map: drags pan instead of drawing (as in drawing programs). Elsewhere
  // Space is the focused control's (a button presses).
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && focusPlace(e.target) === 'map') {
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

  // The frame around the map is measured in the commit that first shows it. A Stage made in
  // that commit is drawn at the frame's placeholder size, then resized (clearing every layer)
  // and drawn again: a whole extra raster of every stage when a lesion opens. It is made once
  // that commit's effects have run, at the measured size, and in a task of its own (a
  // transition): making the layers' canvases and shapes and drawing them takes longer than the
  // rest of the page, and the map takes keys as soon as its frame is there (the session needs
  // no canvas), so a key pressed meanwhile does not wait for the drawing.
  const [afterFirstCommit, setAfterFirstCommit] = useState(false);
  useEffect(() => startTransition(() => setAfterFirstCommit(true)), []);
  // The overlay layer (selection, grips, what a tool is drawing) is made when it first has
  // something to show, not when the map opens: each layer is a canvas the size of the map,
  // allocated as it is added (about a fifth of the Konva time of an open). Kept from then on,
  // so selecting and deselecting do not make and drop a canvas each time.
  const [overlayMade, setOverlayMade] = useState(false);
  // Whether the tool draws something (not what: the overlay layer reads that itself).
  const previewing = useSyncExternalStore(live.subscribePreview, () => live.getPreview() !== null);
  if (!overlayMade && (props.selection !== null || previewing)) setOverlayMade(true);

  const pointerOf = (e: Konva.KonvaEventObject<PointerEvent>, type: CanvasPointer['type']): CanvasPointer | null => {
    const pos = e.target.getStage()?.getPointerPosition();
    return pos ? { type, point: toWorld(view, pos), shift: e.evt.shiftKey } : null;
  };

  if (!afterFirstCommit) return null;
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
        flushMove();
        if (p) onPointer(p);
      }}
      onPointerMove={(e) => {
        if (pan.current) {
          const start = pan.current;
          onView({ ...start.view, ox: start.view.ox + e.evt.clientX - start.x, oy: start.view.oy + e.evt.clientY - start.y });
          return;
        }
        const p = pointerOf(e, 'move');
        if (!p) return;
        pendingMove.current = p;
        frame.current ??= requestAnimationFrame(flushMove);
      }}
      onPointerUp={(e) => {
        if (pan.current) {
          pan.current = null;
          return;
        }
        const p = pointerOf(e, 'up');
        flushMove();
        if (p) onPointer(p);
      }}
      onPointerCancel={(e) => {
        pan.current = null;
        pendingMove.current = null;
        const p = pointerOf(e, 'cancel');
        if (p) onPointer(p);
      }}
      onWheel={(e) => {
        // The page never scrolls under the map: the wheel is the map's (as in design tools).
        e.evt.preventDefault();
        const pos = e.target.getStage()?.getPointerPosition();
        if (pos) onView(wheelView(view, pos, e.evt));
      }}
    >
      {props.underlays && props.underlays.length > 0 && <PhotoLayer view={view} underlays={props.underlays} />}
      <BaseLayer view={view} width={width} height={height} clockGuide={props.clockGuide} previous={props.previous} />
      {props.underlays && props.underlays.length > 0 ? (
        <>
          <SpecimenLayer view={view} live={live} />
          <MarksLayer view={view} live={live} />
        </>
      ) : (
        <StageLayer view={view} live={live} />
      )}
      {overlayMade && <OverlayLayer view={view} live={live} selection={props.selection} showHandles={props.showHandles} />}
    </Stage>
  );
}

const SPECIMEN_OVER_PHOTO_OPACITY = 0.55;

/** What does not change while drawing; memoised so a drag redraws only the layers it changes. */
const BaseLayer = memo(function BaseLayer(props: {
  readonly view: View;
  readonly width: number;
  readonly height: number;
  readonly clockGuide: boolean;
  readonly previous: readonly { number: number; derived: DerivedStage }[];
}) {
  const { view, width, height } = props;
  return (
    <Layer listening={false}>
      <Grid view={view} width={width} height={height} />
      {props.clockGuide && <ClockGuide view={view} radiusMm={Math.max(12, (Math.min(width, height) * 0.42) / view.scale)} />}
      <PreviousStages view={view} stages={props.previous} />
      <ScaleBar view={view} height={height} />
    </Layer>
  );
});

/*
 * The specimen and marks draw in map millimetres; the layer's transform projects them, so a
 * pan changes one matrix and a drag re-renders only the blocks it changes (memoised on the
 * derived stage, which a preview-only frame leaves as it was). Each layer reads the live stage
 * itself, so a move of a drag renders these layers and nothing above them.
 *
 * Without a photo both are one layer: a drag changes both on every move, and each layer is a
 * canvas of the map's size cleared, drawn, rasterised and composited on its own (one fewer
 * canvas to make when a lesion opens, too). Over a wound photo the specimen is a layer of its
 * own, so its fills let the wound show through as one image (the inks and labels above stay
 * solid), and the marks another above it.
 */
const StageLayer = memo(function StageLayer({ view, live }: { readonly view: View; readonly live: LiveMap }) {
  const { derived, moving } = useSyncExternalStore(live.subscribe, live.getStage);
  const redraw = useRedrawRegion(view, derived, moving);
  return (
    <Layer listening={false} {...mapTransform(view)} {...redraw}>
      <SpecimenShapes derived={derived} />
      <MarkShapes scale={view.scale} derived={derived} />
      <BlockLabels scale={view.scale} derived={derived} />
    </Layer>
  );
});

const SpecimenLayer = memo(function SpecimenLayer({ view, live }: { readonly view: View; readonly live: LiveMap }) {
  const { derived, moving } = useSyncExternalStore(live.subscribe, live.getStage);
  const redraw = useRedrawRegion(view, derived, moving);
  return (
    <Layer listening={false} opacity={SPECIMEN_OVER_PHOTO_OPACITY} {...mapTransform(view)} {...redraw}>
      <SpecimenShapes derived={derived} />
    </Layer>
  );
});

const MarksLayer = memo(function MarksLayer({ view, live }: { readonly view: View; readonly live: LiveMap }) {
  const { derived, moving } = useSyncExternalStore(live.subscribe, live.getStage);
  const redraw = useRedrawRegion(view, derived, moving);
  return (
    <Layer listening={false} {...mapTransform(view)} {...redraw}>
      <MarkShapes scale={view.scale} derived={derived} />
      <BlockLabels scale={view.scale} derived={derived} />
    </Layer>
  );
});

/** Selection, grips and what the tool is drawing: made once there is any, redrawn on each move of a gesture. */
const OverlayLayer = memo(function OverlayLayer(props: { readonly view: View; readonly live: LiveMap; readonly selection: Selection | null; readonly showHandles: boolean }) {
  const { view, live } = props;
  const { doc, derived } = useSyncExternalStore(live.subscribe, live.getStage);
  const preview = useSyncExternalStore(live.subscribePreview, live.getPreview);
  return (
    <Layer listening={false}>
      <Group {...mapTransform(view)}>
        <OverlayShapes view={view} doc={doc} derived={derived} selection={props.selection} showHandles={props.showHandles} preview={preview} />
      </Group>
    </Layer>
  );
});
