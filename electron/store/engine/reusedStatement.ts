import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './schema';

/**
 * A statement the save path runs on every gesture, built with the query builder once per
 * engine and then run again with new values.
 *
 * Building and compiling a statement costs the builder tens of microseconds (immutable nodes,
 * parsing, a visitor): on a gesture's save that was about a fifth of the store's CPU, spent
 * producing the same SQL text every time. The builder stays the one way statements are
 * written (both engines, typed); only the compiled text is kept.
 *
 * `build` receives stand-ins for the values and must not look at them: the statement's shape
 * may not depend on its values (a statement whose shape varies is two reused statements).
 * Test runs check every call against the statement built afresh with the real values.
 */
export function reusedStatement<V extends Record<string, unknown>, R>(build: (db: Db, values: V) => Compilable<R>): (db: Db, values: V) => Promise<QueryResult<R>> {
  // By the engine's adapter: the SQL differs per dialect (`?` or `$1`), and a store keeps its adapter for life.
  const shapes = new WeakMap<object, CompiledQuery<R>>();
  return async (db, values) => {
    const adapter = db.getExecutor().adapter;
    let shape = shapes.get(adapter);
    if (!shape) {
      shape = build(db, standIns as V).compile();
      shapes.set(adapter, shape);
    }
    const compiled: CompiledQuery<R> = { ...shape, parameters: shape.parameters.map((p) => (p instanceof StandIn ? valueOf(values, p.name) : p)) };
    if (CHECKED) checkSameAsBuilt(compiled, build(db, values).compile());
    return db.executeQuery(compiled);
  };
}

/** The value a statement was built to take, under its name. */
class StandIn {
  constructor(readonly name: string) {}
}

const standIns = new Proxy({}, { get: (_, name) => new StandIn(String(name)) });

function valueOf(values: Record<string, unknown>, name: string): unknown {
  if (!(name in values)) throw new Error(`A reused statement was run without its value "${name}".`);
  return values[name];
}

/** Under vitest: every reused statement must be exactly what the builder gives with the real values. */
const CHECKED = typeof process !== 'undefined' && process.env.VITEST !== undefined;

function checkSameAsBuilt(reused: CompiledQuery, built: CompiledQuery): void {
  const same = reused.sql === built.sql && reused.parameters.length === built.parameters.length && reused.parameters.every((p, i) => Object.is(p, built.parameters[i]));
  if (!same) throw new Error(`A reused statement differs from the one its builder makes with these values: ${reused.sql} ≠ ${built.sql}`);
}
