import { Dashboard } from "../components/dashboard/dashboard";

/** The control room: everything live happens in the client-side dashboard. */
export default function HomePage() {
  return <Dashboard />;
}
