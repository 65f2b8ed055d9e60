import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { radialCuts } from '../../shared/geometry/templates';
import { ellipseRing } from '../../shared/geometry/shapes';
import { deriveStage, outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP, type Finding, type MapDocument } from '../../shared/map/document';
import { addFinding, setCuts, addPiece } from '../../shared/map/edits';
import { markRestClear } from '../../shared/map/readings';
import { startTestHost } from '../host/server';
import { launchChromium, watchForPageErrors } from '../e2e/browser';
import { hostCall, seedLesion } from '../e2e/hostApi';
import { rightmostCornerOnPage } from '../e2e/mapPage';
import { benchEditorOpen } from './editorOpen.bench';
import type { Browser, Page } from 'playwright-core';
import type { StageRecord } from '../../shared/records';
import { pngOf } from '../fixtures/photos/pictures';
import { figure } from './figures';
import { percentile } from './stats';

/**
 * The stress lesion of the editor issue: 10 stages × 12 blocks, inks on every cut edge,
 * 30 findings. A 2-second vertex drag on the last stage in Chromium, traced: JavaScript time
 * per 16.7 ms frame (event handlers, animation-frame callbacks, timers, microtasks on the
 * renderer's main thread), the whole main thread's busy time per frame, and dropped frames
 * (animation frames later than 1.5 frame intervals). The same drag over a page that only
 * redraws a dot on canvases of the map's size is printed beside it: the floor this machine's
 * Chromium puts under those figures. LAYERMAP_PROFILE=1 also prints the hottest functions of
 * a CPU profile of the drag.
 */
export function stressStage(index: number, newId: () => string): MapDocument {
  const ring = ellipseRing(index * 3, index * 2, 16 + index, 12 + index / 2, 0, 72);
  const placed = addPiece(EMPTY_MAP, { kind: 'polygon', points: [...ring] }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, radialCuts(outlineRing(placed.doc.pieces[0]!.outline), 12), newId);
  if (!cut.ok) throw new Error(cut.reason);
  let doc = cut.doc;
  const blocks = deriveStage(doc, index + 1, 'stage-dash-number').blocks;
  for (let k = 0; k < 3; k++) {
    const block = blocks[(k * 5 + index) % blocks.length]!;
    const peripheral = block.sides.find((s) => s.kind === 'peripheral')!;
    const finding: Finding =
      k === 0 ? { id: newId(), blockId: block.ref.id, kind: 'tumor-peripheral', stretch: { from: peripheral.from, to: peripheral.to }, note: '' }
      : k === 1 ? { id: newId(), blockId: block.ref.id, kind: 'tumor-deep', area: [...block.ring], note: '' }
      : { id: newId(), blockId: block.ref.id, kind: 'scar', at: block.ref.anchor, note: 'scar' };
    const r = addFinding(doc, finding);
    if (!r.ok) throw new Error(r.reason);
    doc = r.doc;
  }
  const read = markRestClear(doc);
  return read.ok ? read.doc : doc;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's own CPU time in the event (what it ran, not how long it waited for a core). */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { message?: string } };
}

export async function benchEditor(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-bench-editor-'));
  const host = await startTestHost({ databasePath: path.join(dir, 'db.sqlite') });
  const chromium = await launchChromium();
  try {
    const { lesionId, caseId } = await seedLesion(host);
    let n = 0;
    const newId = () => `stress-${++n}`;
    for (let i = 0; i < 10; i++) await hostCall(host, 'stages.create', { lesionId, doc: stressStage(i, newId) });
    const stages = await hostCall(host, 'stages.list', { lesionId });
    const blocks = stages.reduce((s, x) => s + x.blockCount, 0);
    const findings = stages.reduce((s, x) => s + x.doc.findings.length, 0);
    const inks = stages.reduce((s, x) => s + x.doc.inks.length, 0);

    await benchEditorOpen(chromium.browser, host, lesionId, caseId);

    const plain = await dragLastCorner(chromium.browser, host, lesionId, stages);
    figure('editor.drag.js_p95', percentile(plain.jsPerFrame, 95));
    figure('editor.drag.frame_p95', percentile(plain.busyPerFrame, 95));
    figure('editor.drag.dropped_frames', plain.dropped, 0);
    console.log(`stress lesion: ${stages.length} stages, ${blocks} blocks, ${inks} inks, ${findings} findings`);
    reportDrag(plain);
    // Right after the map's drag, in the same Chromium: the floor under its frame figures.
    const floor = await dragFloor(chromium.browser, plain.canvas);
    console.log(`the floor, on this machine: the same drag over three stacked canvases of the map's size (${plain.canvas.width} × ${plain.canvas.height}), one small dot redrawn on two of them per move:`);
    reportTiming(floor);

    // The same drag with a 12-megapixel photo, calibrated and placed, under the stress map.
    const photo = await attachTwelveMegapixelPhoto(host, lesionId);
    // The stages as the first drag left them: the corner moved.
    const withPhoto = await dragLastCorner(chromium.browser, host, lesionId, await hostCall(host, 'stages.list', { lesionId }), 1);
    if (withPhoto.underlays !== 1) throw new Error(`The photo drag bench found ${withPhoto.underlays} photo layers under the map, not 1: its figure would time a map without the photo.`);
    figure('editor.drag_photo.js_p95', percentile(withPhoto.jsPerFrame, 95));
    console.log(`with a ${photo} photo under the map:`);
    reportDrag(withPhoto);
  } finally {
    await chromium.close();
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CPU time of JS entry points per frame, sorted: each event's thread time counted in the frame
 * it started in (nested entry points counted once, by their outermost event); null when the
 * trace has no thread times.
 */
function perFrameCpu(events: readonly TraceEvent[], startTs: number, endTs: number, frameUs: number): number[] | null {
  if (events.length === 0) return null;
  const outer = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const buckets = new Array<number>(Math.ceil((endTs - startTs) / frameUs)).fill(0);
  let coveredTo = -Infinity;
  for (const e of outer) {
    if (e.ts < coveredTo) continue; // inside an event already counted
    coveredTo = e.ts + (e.dur ?? 0);
    const k = Math.floor((e.ts - startTs) / frameUs);
    if (k >= 0 && k < buckets.length) buckets[k]! += (e.tdur ?? 0) / 1000;
  }
  return buckets.sort((x, y) => x - y);
}

function mergeIntervals(intervals: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

interface DragFigures extends DragTiming {
  readonly saved: string | null;
  readonly moved: number;
  readonly pressed: string | null;
  readonly grabbed: string | null;
  /** Photo images drawn under the map during the drag. */
  readonly underlays: number;
  /** The map canvas, in CSS pixels. */
  readonly canvas: { readonly width: number; readonly height: number };
}

function reportTiming(d: DragTiming): void {
  console.log(`  ${d.moves} pointer moves, ${d.jsPerFrame.length} frames: JS per 16.7 ms frame p50 ${percentile(d.jsPerFrame, 50).toFixed(2)} ms, p95 ${percentile(d.jsPerFrame, 95).toFixed(2)} ms`);
  if (process.env.LAYERMAP_PROFILE) console.log(`  JS per frame, highest 12: ${d.jsPerFrame.slice(-12).map((v) => v.toFixed(1)).join(' ')}`);
  if (d.jsCpu) console.log(`  JS per frame on the renderer thread's CPU clock (without time spent waiting for a core): p50 ${percentile(d.jsCpu, 50).toFixed(2)} ms, p95 ${percentile(d.jsCpu, 95).toFixed(2)} ms`);
  console.log(`  whole main thread (JS, style, layout, canvas paint) per frame: p50 ${percentile(d.busyPerFrame, 50).toFixed(2)} ms, p95 ${percentile(d.busyPerFrame, 95).toFixed(2)} ms`);
  console.log(`  animation frames: ${d.frames} (${d.intervals} intervals), dropped (> 25 ms apart): ${d.dropped}, of them at the release: ${d.droppedAtRelease}`);
}

function reportDrag(d: DragFigures): void {
  console.log('2 s vertex drag:');
  reportTiming(d);
  console.log(`  after the drag: "${d.saved}", corners moved: ${d.moved} (tool ${d.pressed} before the press, ${d.grabbed} after it)`);
}

/**
 * A 4000 × 3000 photo (12 megapixels: kept at full resolution, drawn from its 2048-px display
 * copy as the editor does), calibrated at 100 px per mm and placed under the map, half opaque.
 */
async function attachTwelveMegapixelPhoto(host: Awaited<ReturnType<typeof startTestHost>>, lesionId: string): Promise<string> {
  const skin = (x: number, y: number) => [200 + ((x >> 6) % 30), 150 + ((y >> 6) % 30), 130] as const;
  const full = pngOf(4000, 3000, skin);
  const display = pngOf(2048, 1536, (x, y) => skin(Math.floor((x * 4000) / 2048), Math.floor((y * 3000) / 1536)));
  const added = await hostCall(host, 'photos.add', {
    lesionId,
    kind: 'final-defect',
    stageNumber: null,
    capturedAt: null,
    fileName: 'bench-12mp.png',
    full: { data: full.toString('base64'), width: 4000, height: 3000 },
    display: { data: display.toString('base64'), width: 2048, height: 1536 },
  });
  const calibrated = await hostCall(host, 'photos.calibrate', { id: added.id, version: added.version, calibration: { x1: 1000, y1: 2800, x2: 2000, y2: 2800, lengthMm: 10 } });
  await hostCall(host, 'photos.place', { id: added.id, version: calibrated.version, placement: { x: 0, y: 0, rotationDeg: 12, opacity: 0.5, shown: true } });
  return `4000 × 3000 (${(full.length / 1024 / 1024).toFixed(1)} MB PNG)`;
}

/** What a traced drag measured, frame by frame. */
interface DragTiming {
  readonly jsPerFrame: number[];
  readonly busyPerFrame: number[];
  readonly jsCpu: number[] | null;
  readonly dropped: number;
  /** Of those, the ones that ended after the pointer was let go. */
  readonly droppedAtRelease: number;
  readonly moves: number;
  readonly frames: number;
  readonly intervals: number;
}

/**
 * Presses the mouse at `start` on `page`, moves it about for 2 s (a move about every 16 ms,
 * as fast as the driver sends them) and lets go, with Chromium tracing: JavaScript and the
 * whole main thread per 16.7 ms frame, and the animation frames. `pressed` runs right after
 * the press (the map bench checks that the press picked a corner up). `label` names the kept
 * profile and trace (LAYERMAP_PROFILE, LAYERMAP_TRACE) of this drag.
 */
async function traceDrag<T>(
  browser: Browser,
  page: Page,
  start: { x: number; y: number },
  label: string,
  pressed: () => Promise<T>,
  released: () => Promise<unknown> = async () => undefined,
): Promise<{ figures: DragTiming; grabbed: T }> {
  // Strings, not functions: the bench runs under tsx, whose helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    window.__upAt = null;
    window.addEventListener('pointerup', () => { window.__upAt = performance.now(); }, { capture: true, once: true });
    const loop = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  })()`);
  const cdp = process.env.LAYERMAP_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  // LAYERMAP_TRACE_CATEGORIES=cc,blink,… adds Chromium's own trace categories (where a commit's time goes).
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...(process.env.LAYERMAP_TRACE_CATEGORIES?.split(',') ?? [])] });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const grabbed = await pressed();
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < 2000) {
    i++;
    await page.mouse.move(start.x + 40 * Math.sin(i / 15), start.y + 30 * Math.cos(i / 15) - 30);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  // The drag ends when what the release started has settled (the page's own `released`, then
  // two frames and 100 ms): the frames and the trace are cut there, before the profiler and
  // the tracing are stopped. Stopping them is the bench's work, not the page's: Chromium then
  // flushes the trace on the page's main thread, a task of 20-50 ms that, left in, counted as
  // the drag's worst frames and as one or two dropped frames.
  await released();
  await page.evaluate(`new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
    console.timeStamp('layermap-drag-end');
    window.__stop = true;
    done();
  }, 100))))`);
  const keep = (file: string | undefined, ext: RegExp) => (file && label !== 'plain' ? file.replace(ext, `.${label}$&`) : file);
  if (cdp) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; samples: number[]; timeDeltas: number[] } };
    // LAYERMAP_PROFILE=<file>.cpuprofile also keeps the whole profile (Chromium DevTools opens it); other drags beside it (<file>.photo.cpuprofile).
    const file = keep(process.env.LAYERMAP_PROFILE, /\.cpuprofile$/);
    if (file?.endsWith('.cpuprofile')) fs.writeFileSync(file, JSON.stringify(profile));
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, k) => {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
    });
    console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, v]) => `${v.toFixed(1)} ms  ${k}`).join('\n'));
  }
  const traced = (await browser.stopTracing()).toString('utf8');
  // LAYERMAP_TRACE=<file>.json keeps the drag's trace (Chromium DevTools' Performance panel opens it); other drags beside it.
  const traceFile = keep(process.env.LAYERMAP_TRACE, /(\.json)?$/);
  if (traceFile) fs.writeFileSync(traceFile, traced);
  const trace = JSON.parse(traced) as { traceEvents: TraceEvent[] };
  const frames = (await page.evaluate('window.__frames')) as number[];
  const upAt = (await page.evaluate('window.__upAt')) as number | null;
  if (upAt === null) throw new Error('The drag bench saw no pointerup: the release was not timed.');

  // Renderer main thread: the thread named CrRendererMain of the page's process.
  const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = (e: TraceEvent) => main !== undefined && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined;
  const tasks = trace.traceEvents.filter((e) => onMain(e) && e.name === 'RunTask');
  // JavaScript entry points (event handlers, animation-frame callbacks, timers, microtasks), overlaps merged.
  const jsNames = new Set(['FunctionCall', 'EventDispatch', 'FireAnimationFrame', 'TimerFire', 'RunMicrotasks', 'V8.Execute', 'v8.callFunction']);
  const js = mergeIntervals(trace.traceEvents.filter((e) => onMain(e) && jsNames.has(e.name)).map((e) => [e.ts, e.ts + (e.dur ?? 0)] as const));
  const end = trace.traceEvents.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'layermap-drag-end');
  if (!end) throw new Error('The drag trace has no end mark: its frames cannot be cut where the drag ended.');
  const startTs = Math.min(...tasks.map((t) => t.ts));
  const endTs = end.ts;
  const frameUs = 1_000_000 / 60;
  const perFrame = (intervals: readonly (readonly [number, number])[]) => {
    const buckets = new Array<number>(Math.ceil((endTs - startTs) / frameUs)).fill(0);
    for (const [a, b] of intervals) {
      // Split an interval across the frames it spans.
      const first = Math.max(0, Math.floor((a - startTs) / frameUs));
      const last = Math.min(buckets.length - 1, Math.floor((b - startTs) / frameUs));
      for (let k = first; k <= last; k++) {
        const from = Math.max(a, startTs + k * frameUs);
        const to = Math.min(b, startTs + (k + 1) * frameUs);
        if (to > from) buckets[k]! += (to - from) / 1000;
      }
    }
    return buckets.sort((x, y) => x - y);
  };
  const intervals = frames.slice(1).map((t, k) => t - frames[k]!);
  return {
    figures: {
      jsPerFrame: perFrame(js),
      busyPerFrame: perFrame(mergeIntervals(tasks.map((t) => [t.ts, t.ts + (t.dur ?? 0)] as const))),
      // The same JS on the thread's CPU clock: on a shared, loaded machine the wall-clock figure
      // above also counts the time the renderer waited for a core; this says how much is the page's.
      jsCpu: perFrameCpu(trace.traceEvents.filter((e) => onMain(e) && jsNames.has(e.name) && e.tdur !== undefined), startTs, endTs, frameUs),
      dropped: intervals.filter((d) => d > 1.5 * (1000 / 60)).length,
      droppedAtRelease: intervals.filter((d, k) => d > 1.5 * (1000 / 60) && frames[k + 1]! > upAt).length,
      moves: i,
      frames: frames.length,
      intervals: intervals.length,
    },
    grabbed,
  };
}

/**
 * The floor under the drag figures on this machine: the same 2 s drag, traced the same way,
 * over a page that does the least a map drag can do. Three canvases the map's size stacked as
 * the map's layers are (what does not move, the stage, the grips), and each pointer move, at
 * the next animation frame, clears and draws one small dot on two of them. What it costs per
 * frame is Chromium's own: input, animation frame, and committing two changed canvases of
 * that size (rasterised on the CPU here: no GPU).
 */
async function dragFloor(browser: Browser, canvas: { width: number; height: number }): Promise<DragTiming> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  try {
    const { width, height } = canvas;
    await page.setContent(`<!doctype html><body style="margin:0"><div id="map" style="position:relative;margin:200px 0 0 200px;width:${width}px;height:${height}px">
      ${[0, 1, 2].map(() => `<canvas width="${width}" height="${height}" style="position:absolute;left:0;top:0"></canvas>`).join('')}</div>
      <script>
        const [base, stage, grips] = [...document.querySelectorAll('canvas')].map((c) => c.getContext('2d'));
        base.strokeStyle = '#ccc';
        for (let x = 0; x < ${width}; x += 20) base.strokeRect(x, 0, 20, ${height});
        let at = null, drawn = null, frame = 0;
        const draw = () => {
          frame = 0;
          for (const ctx of [stage, grips]) {
            if (drawn) ctx.clearRect(drawn.x - 10, drawn.y - 10, 20, 20);
            ctx.fillStyle = ctx === stage ? '#2e7d32' : '#1565c0';
            ctx.fillRect(at.x - 6, at.y - 6, 12, 12);
          }
          drawn = at;
        };
        document.getElementById('map').addEventListener('pointermove', (e) => {
          at = { x: e.offsetX, y: e.offsetY };
          frame ||= requestAnimationFrame(draw);
        });
        // Drawn once before the drag, as the map is: a canvas's first draw allocates it.
        at = { x: ${width / 2}, y: ${height / 2} };
        draw();
      </script>`);
    // And the pointer moved over it first, as the map bench clicks the corner before its drag.
    const start = { x: 200 + width / 2, y: 200 + height / 2 };
    for (let i = 0; i < 5; i++) await page.mouse.move(start.x + 10 * i, start.y);
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300))))');
    const timed = await traceDrag(browser, page, start, 'floor', async () => null);
    return timed.figures;
  } finally {
    await page.close();
  }
}

/** Drags the last stage's rightmost corner for 2 s on the lesion page and times each frame. */
async function dragLastCorner(
  browser: Browser,
  host: Awaited<ReturnType<typeof startTestHost>>,
  lesionId: string,
  stages: readonly StageRecord[],
  photos = 0,
): Promise<DragFigures> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  const errors = watchForPageErrors(page);
  await page.goto(`${host.url}#/lesion/${lesionId}`);
  await page.getByRole('tab', { name: /Stage 10/ }).waitFor();
  await page.getByRole('row', { name: /10-12/ }).waitFor();
  await page.evaluate(`document.querySelector('[data-testid="map-canvas"]').scrollIntoView({ block: 'center' })`);
  // The last stage's rightmost corner, in screen pixels: the map's own view (its data-view:
  // px per mm and origin) from the canvas's top-left corner, not a view worked out again here.
  const last = stages[stages.length - 1]!;
  const { point: start, canvasBox } = await rightmostCornerOnPage(page, last.doc.pieces[0]!.outline);
  // The select tool (V): the keys go to the map only while it has the focus; a stage opens
  // with the ellipse tool, whose drag would draw, not move a corner (the drag timed nothing).
  await page.getByTestId('map-canvas').focus();
  await page.keyboard.press('v');
  // Click the corner: it selects the outline (its grips are drawn).
  await page.mouse.click(start.x, start.y);
  const pressed = await page.getByTestId('map-canvas').getAttribute('data-tool-state');

  const timed = await traceDrag(browser, page, start, photos > 0 ? 'photo' : 'plain', async () => {
    // The press picked the corner up (pointing), the first move drags it: else the figures would time an idle map.
    const state = await page.getByTestId('map-canvas').getAttribute('data-tool-state');
    if (state !== 'pointing') throw new Error(`The drag bench did not pick up the corner (tool state "${state}" after the press): its figures would time an idle map.`);
    return state;
  }, async () => {
    // The release saves the stage: the drag has ended when the page says so.
    await page.locator('[data-testid="save-state"].save-state--saved').waitFor({ timeout: 10_000 });
  });
  const saved = await page.getByTestId('save-state').textContent();
  const draggedOutline = (await hostCall(host, 'stages.list', { lesionId }))[9]?.doc.pieces[0]?.outline;
  const moved = draggedOutline && draggedOutline.kind !== 'ellipse' ? draggedOutline.points.filter((p, k) => {
    const o = last.doc.pieces[0]?.outline;
    return o && o.kind !== 'ellipse' && (o.points[k]?.x !== p.x || o.points[k]?.y !== p.y);
  }).length : -1;

  const underlays = (await page.evaluate(`window.Konva.stages[0].find('.photo-underlay').length`)) as number;
  if (photos > 0 && underlays === 0) throw new Error('The photo did not show under the map.');
  // A figure over a page that failed would time whatever was left of it.
  if (errors.length > 0) throw new Error(`The drag bench's page failed: ${errors.join('; ')}`);
  await page.close();
  return { ...timed.figures, saved, moved, pressed, grabbed: timed.grabbed, underlays, canvas: { width: Math.round(canvasBox.width), height: Math.round(canvasBox.height) } };
}
