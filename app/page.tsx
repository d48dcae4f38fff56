import { Dashboard } from "../components/dashboard/dashboard";
import { ThemeScript } from "../components/theme/theme-script";

/** The control room: the theme is set before first paint, then everything live is client-side. */
export default function HomePage() {
  return (
    <>
      <ThemeScript />
      <Dashboard />
    </>
  );
}
