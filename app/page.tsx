import { Dashboard } from "../components/dashboard/dashboard";

/** The control room: everything live is client-side (the layout sets the theme before first paint). */
export default function HomePage() {
  return <Dashboard />;
}
