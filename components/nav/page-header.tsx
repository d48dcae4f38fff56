"use client";
/**
 * The top bar of pages other than the dashboard, in the dashboard header's style: what this page
 * is, connection, access (operator or read-only), running version and the theme.
 */
import type { ReactNode } from "react";
import { ThemeToggle } from "../theme/theme-toggle";
import type { ControlSession } from "../history/use-control-session";

const CONNECTION: Record<ControlSession["connection"], { label: string; dot: string }> = {
  connected: { label: "Connected", dot: "bg-emerald-500" },
  connecting: { label: "Connecting…", dot: "bg-slate-400" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500" },
  offline: { label: "Offline", dot: "bg-red-600" },
};

/** One labelled reading of a page header (the dashboard's header uses it too). */
export function HeaderItem({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5" data-testid={testId}>
      <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</dt>
      <dd className="flex items-center gap-1.5 text-sm font-medium whitespace-nowrap">{children}</dd>
    </div>
  );
}

/** The logo with a page's title and subtitle: the left end of every header. */
export function BrandTitle({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <div className="flex items-center gap-2.5">
      <svg aria-hidden viewBox="0 0 32 32" className="h-8 w-8 shrink-0">
        <rect width="32" height="32" rx="7" fill="#1d4ed8" />
        <path d="M5 20h5l3-9 4 14 3-9h7" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <div className="leading-tight">
        <h1 className="text-lg font-semibold tracking-tight">{title}</h1>
        <p className="text-xs text-slate-500 dark:text-slate-400">{subtitle}</p>
      </div>
    </div>
  );
}

interface Props {
  connection: ControlSession["connection"];
  role: ControlSession["role"];
  title: string;
  subtitle: string;
  /** Prefix of the items' test ids ("history" gives history-connection, history-role, ...). */
  testIdPrefix: string;
  /** Page-specific readings, shown after access and before the theme. */
  children?: ReactNode;
}

export function PageHeader({ connection: state, role, title, subtitle, testIdPrefix, children }: Props) {
  const connection = CONNECTION[state];
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-8 gap-y-3 px-4 py-3 md:px-6">
        <BrandTitle title={title} subtitle={subtitle} />
        <dl className="flex flex-wrap items-center gap-x-6 gap-y-2 md:ml-auto">
          <HeaderItem label="Connection" testId={`${testIdPrefix}-connection`}>
            <span aria-hidden className={`h-2 w-2 rounded-full ${connection.dot}`} />
            {connection.label}
          </HeaderItem>
          <HeaderItem label="Access" testId={`${testIdPrefix}-role`}>
            {role === "operator" ? (
              <span className="rounded bg-blue-100 px-1.5 py-0.5 text-xs font-semibold text-blue-900 dark:bg-blue-950 dark:text-blue-200">Operator</span>
            ) : role === "viewer" ? (
              <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100">Read-only</span>
            ) : (
              "–"
            )}
          </HeaderItem>
          {children}
          <HeaderItem label="Theme">
            <ThemeToggle />
          </HeaderItem>
        </dl>
      </div>
    </header>
  );
}

/** The header of a page that follows the running config (history, benchmark): adds its version. */
export function SessionPageHeader({ session, ...rest }: Omit<Props, "connection" | "role" | "children"> & { session: ControlSession }) {
  return (
    <PageHeader connection={session.connection} role={session.role} {...rest}>
      <HeaderItem label="Running" testId={`${rest.testIdPrefix}-running-version`}>
        {session.config ? <span className="font-mono">v{session.config.version}</span> : "–"}
      </HeaderItem>
    </PageHeader>
  );
}
