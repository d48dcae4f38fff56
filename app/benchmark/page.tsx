import type { Metadata } from "next";
import { BenchmarkPage } from "../../components/benchmark/benchmark-page";

export const metadata: Metadata = {
  title: "Benchmark · Tracetune",
  description: "Telemetry configurations side by side on one workload: overhead, latency, memory, spans",
};

/** The benchmark: everything live happens in the client-side page. */
export default function Benchmark() {
  return <BenchmarkPage />;
}
