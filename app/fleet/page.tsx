import type { Metadata } from "next";
import { FleetPage } from "../../components/fleet/fleet-page";

export const metadata: Metadata = {
  title: "Fleet · Tracetune",
  description: "Every runtime linked to this Tracetune, by service, and live changes to them",
};

/** The fleet view: everything live happens in the client-side page. */
export default function Fleet() {
  return <FleetPage />;
}
