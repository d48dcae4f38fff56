"use client";
/**
 * The thin bar above every page that moves between the dashboard, the history, the fleet and the benchmark. Plain links
 * (keyboard and middle-click work); the current page is marked with aria-current.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";

const PAGES = [
  { href: "/", label: "Dashboard" },
  { href: "/history", label: "History" },
  { href: "/fleet", label: "Fleet" },
  { href: "/benchmark", label: "Benchmark" },
] as const;

export function AppNav() {
  const pathname = usePathname() ?? "/";
  return (
    <nav aria-label="Pages" className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
      <ul className="mx-auto flex h-9 max-w-[1600px] items-stretch gap-1 px-4 text-sm md:px-6">
        {PAGES.map((page) => {
          const active = page.href === "/" ? pathname === "/" : pathname.startsWith(page.href);
          return (
            <li key={page.href} className="flex">
              <Link
                href={page.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center border-b-2 px-2.5 font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600 ${
                  active
                    ? "border-blue-600 text-slate-900 dark:border-blue-400 dark:text-white"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:border-slate-600 dark:hover:text-slate-100"
                }`}
              >
                {page.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
