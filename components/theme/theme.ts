/**
 * Light and dark themes: the operator's choice (system, light, dark) is kept in localStorage;
 * "system" follows prefers-color-scheme. The resolved theme is the `dark` class on <html>
 * (Tailwind's `dark:` variant is bound to it in app/globals.css). Pure; tested in theme.test.ts.
 */
export type ThemeChoice = "system" | "light" | "dark";
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "tracetune-theme";
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

export function parseChoice(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" || value === "system" ? value : "system";
}

export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): Theme {
  if (choice === "system") return prefersDark ? "dark" : "light";
  return choice;
}

/**
 * Runs before the page paints (inlined by ThemeScript), so a dark-mode operator never sees a
 * white flash. Kept tiny and self-contained: it cannot import anything.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var c=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=c==="dark"||(c!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light";}catch(_){}})();`;
