import fs from 'node:fs';

/** The main window's last size and place, restored at start. */
export interface WindowBounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_BOUNDS = { width: 1360, height: 900 } as const;
const MIN = { width: 900, height: 640 } as const;

/**
 * Reads the saved bounds, and keeps them only if the window would still be visible on one
 * of today's displays (a monitor may have been unplugged since).
 */
export function loadWindowBounds(file: string, displays: readonly Area[]): WindowBounds | null {
  let saved: unknown;
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (!isBounds(saved)) return null;
  const width = Math.max(MIN.width, saved.width);
  const height = Math.max(MIN.height, saved.height);
  const visible = displays.some(
    (d) => saved.x + 100 <= d.x + d.width && saved.x + width - 100 >= d.x && saved.y >= d.y && saved.y + 40 <= d.y + d.height,
  );
  return visible ? { ...saved, width, height } : null;
}

export function saveWindowBounds(file: string, bounds: WindowBounds): void {
  try {
    fs.writeFileSync(file, JSON.stringify(bounds), { mode: 0o600 });
  } catch {
    // Losing the window position is harmless; never fail a close over it.
  }
}

function isBounds(v: unknown): v is WindowBounds {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    ['x', 'y', 'width', 'height'].every((k) => typeof o[k] === 'number' && Number.isFinite(o[k])) &&
    typeof o.maximized === 'boolean'
  );
}
