"use client";
/** System / Light / Dark, as native radio buttons (arrow keys switch), stored per browser. */
import { useEffect, useState } from "react";
import { parseChoice, resolveTheme, THEME_CHOICES, THEME_STORAGE_KEY, type ThemeChoice } from "./theme";

const LABEL: Record<ThemeChoice, string> = { system: "Auto", light: "Light", dark: "Dark" };

function applyTheme(choice: ThemeChoice) {
  const dark = resolveTheme(choice, window.matchMedia("(prefers-color-scheme: dark)").matches) === "dark";
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>("system");

  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(THEME_STORAGE_KEY);
    } catch {
      // Storage can be off (private mode): the system theme still applies.
    }
    setChoice(parseChoice(stored));
  }, []);

  useEffect(() => {
    applyTheme(choice);
    if (choice !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => applyTheme("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [choice]);

  const select = (next: ThemeChoice) => {
    setChoice(next);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Not persisted; still applied for this page.
    }
  };

  return (
    <fieldset className="flex items-center" data-testid="theme-toggle">
      <legend className="sr-only">Theme</legend>
      <div className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
        {THEME_CHOICES.map((c) => (
          <label
            key={c}
            className="cursor-pointer border-l border-slate-300 px-2 py-0.5 text-xs font-medium first:border-l-0 has-checked:bg-slate-800 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-[-2px] has-focus-visible:outline-blue-500 dark:border-slate-600 dark:has-checked:bg-slate-200 dark:has-checked:text-slate-900"
          >
            <input type="radio" name="theme" value={c} checked={choice === c} onChange={() => select(c)} className="sr-only" />
            {LABEL[c]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
