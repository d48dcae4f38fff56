import type { Metadata } from "next";
import { HistoryPage } from "../../components/history/history-page";
import { ThemeScript } from "../../components/theme/theme-script";

export const metadata: Metadata = {
  title: "Config history · Tracetune",
  description: "Every change of the telemetry config, applied or refused, with rollback",
};

/** The config timeline: everything live happens in the client-side page. */
export default function History() {
  return (
    <>
      {/* The theme class must be set before first paint on this page too (see components/theme). */}
      <ThemeScript />
      <HistoryPage />
    </>
  );
}
