/** Server-rendered inline script that sets the theme class before first paint (see theme.ts). */
import { THEME_BOOT_SCRIPT } from "./theme";

export function ThemeScript() {
  return <script id="tracetune-theme-boot" dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />;
}
