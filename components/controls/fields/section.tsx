/** A titled block inside a controls tab, with a two-column grid for its fields. */
import type { ReactNode } from "react";

export function Section({ title, aside, children, cols = 2 }: { title: string; aside?: ReactNode; children: ReactNode; cols?: 1 | 2 }) {
  return (
    <section className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{title}</h3>
        {aside}
      </div>
      <div className={cols === 2 ? "grid grid-cols-2 gap-x-3 gap-y-2" : "flex flex-col gap-2"}>{children}</div>
    </section>
  );
}
