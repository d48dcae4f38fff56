import { describe, expect, it } from "vitest";
import { parseChoice, resolveTheme, THEME_BOOT_SCRIPT } from "./theme";

describe("theme", () => {
  it("follows the system unless the operator chose", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });

  it("reads a stored choice defensively", () => {
    expect(parseChoice("dark")).toBe("dark");
    expect(parseChoice(null)).toBe("system");
    expect(parseChoice("purple")).toBe("system");
  });

  it("boots the same way before React runs", () => {
    const run = (stored: string | null, prefersDark: boolean) => {
      const classes = new Set<string>();
      const style: Record<string, string> = {};
      const documentElement = { classList: { toggle: (c: string, on: boolean) => (on ? classes.add(c) : classes.delete(c)) }, style };
      const fn = new Function("localStorage", "window", "document", THEME_BOOT_SCRIPT);
      fn({ getItem: () => stored }, { matchMedia: () => ({ matches: prefersDark }) }, { documentElement });
      return { dark: classes.has("dark"), scheme: style.colorScheme };
    };
    expect(run(null, true)).toEqual({ dark: true, scheme: "dark" });
    expect(run("light", true)).toEqual({ dark: false, scheme: "light" });
    expect(run("dark", false)).toEqual({ dark: true, scheme: "dark" });
  });
});
