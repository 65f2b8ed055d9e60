import { keyChord, type KeyLike } from './keys';

/**
 * Commands are registered objects; one registry drives the toolbar, the menu and the keys,
 * so a shortcut shown in a tooltip is the one that works.
 */
export interface Command<C> {
  readonly id: string;
  readonly label: string;
  /** Chords such as "Mod+Z"; the first is the one shown. */
  readonly keys: readonly string[];
  readonly canRun: (ctx: C) => boolean;
  readonly run: (ctx: C) => void;
  /** Only looks (zoom, clock guide, paging through stages): the one kind a signed lesion allows. */
  readonly viewOnly?: true;
}

export class CommandRegistry<C> {
  private readonly byId = new Map<string, Command<C>>();

  constructor(commands: readonly Command<C>[]) {
    const chords = new Map<string, string>();
    for (const c of commands) {
      if (this.byId.has(c.id)) throw new Error(`Two commands are named ${c.id}`);
      for (const k of c.keys) {
        const other = chords.get(k);
        // A shortcut that meant two things would do one of them by surprise.
        if (other) throw new Error(`${k} is the shortcut of both ${other} and ${c.id}`);
        chords.set(k, c.id);
      }
      this.byId.set(c.id, c);
    }
  }

  get(id: string): Command<C> {
    const c = this.byId.get(id);
    if (!c) throw new Error(`No command ${id}`);
    return c;
  }

  all(): Command<C>[] {
    return [...this.byId.values()];
  }

  /** The command a key press is bound to, if any. */
  forKey(e: KeyLike): Command<C> | undefined {
    const chord = keyChord(e);
    return this.all().find((c) => c.keys.includes(chord));
  }

  /**
   * Runs the command bound to a key press; true if one was found (even if it could not run).
   * `readOnly` (a signed lesion): only view commands run, any other key is not the editor's.
   */
  handleKey(ctx: C, e: KeyLike, readOnly = false): boolean {
    const command = this.forKey(e);
    if (!command || (readOnly && !command.viewOnly)) return false;
    if (command.canRun(ctx)) command.run(ctx);
    return true;
  }

  /** Can this command run now? Never a change on a read-only map. */
  allowed(ctx: C, id: string, readOnly = false): boolean {
    const c = this.get(id);
    return (!readOnly || c.viewOnly === true) && c.canRun(ctx);
  }

  run(ctx: C, id: string, readOnly = false): void {
    if (this.allowed(ctx, id, readOnly)) this.get(id).run(ctx);
  }
}
