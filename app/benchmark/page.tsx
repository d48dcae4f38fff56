import type { Metadata } from "next";
import { BenchmarkPage } from "../../components/benchmark/benchmark-page";
import { ThemeScript } from "../../components/theme/theme-script";

export const metadata: Metadata = {
  title: "Benchmark · Tracetune",
  description: "Telemetry configurations side by side on one workload: overhead, latency, memory, spans",
};

/** The benchmark: everything live happens in the client-side page. */
export default function Benchmark() {
  return (
    <>
      {/* The theme class must be set before first paint on this page too (see components/theme). */}
      <ThemeScript />
      <BenchmarkPage />
    </>
  );
}
