import { href, navigate } from '../../app/route';
import { localToday } from '../../lib/dates';

function shiftDay(day: string, by: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localToday(new Date(y, m - 1, d + by));
}

/** Which day's cases the worklist shows: a day back or on, a date, or today. */
export function DayPicker({ day }: { readonly day: string }) {
  const today = localToday();
  return (
    <div className="worklist-day" role="group" aria-label="Day of surgery">
      <button type="button" className="button button--secondary" onClick={() => navigate(href.worklist(shiftDay(day, -1)))}>
        ‹ Previous day
      </button>
      <label className="worklist-day__field">
        <span className="field__label">Date of surgery</span>
        <input
          className="input"
          type="date"
          value={day}
          onChange={(e) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) navigate(href.worklist(e.target.value));
          }}
        />
      </label>
      <button type="button" className="button button--secondary" onClick={() => navigate(href.worklist(shiftDay(day, 1)))}>
        Next day ›
      </button>
      <button type="button" className="button button--secondary" disabled={day === today} onClick={() => navigate(href.worklist(today))}>
        Today
      </button>
    </div>
  );
}
