import { NextResponse } from "next/server";
import { getServices } from "@/server/services";

export const dynamic = "force-dynamic";

/** The built-in receiver's counters and current fault settings. */
export function GET() {
  const { receiver } = getServices();
  return NextResponse.json({ stats: receiver.stats(), faults: receiver.faults() });
}
