import type { PathKind } from '../../../shared/api/operations';
import type { Result } from '../../../shared/result';

/**
 * The system's folder or file picker where the desktop app offers one (electron/main/
 * pathPicker.ts); null elsewhere (the test host), where the path is typed.
 */
type Picker = (kind: PathKind) => Promise<Result<string | null>>;

export function desktopPathPicker(): Picker | null {
  const bridge = (window as unknown as { layermapDesktop?: { choosePath?: Picker } }).layermapDesktop;
  return bridge?.choosePath ?? null;
}
