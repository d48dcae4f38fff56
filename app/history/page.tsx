import type { Metadata } from "next";
import { HistoryPage } from "../../components/history/history-page";

export const metadata: Metadata = {
  title: "Config history · Tracetune",
  description: "Every change of the telemetry config, applied or refused, with rollback",
};

/** The config timeline: everything live happens in the client-side page. */
export default function History() {
  return <HistoryPage />;
}
