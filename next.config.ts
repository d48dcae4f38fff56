import type { NextConfig } from "next";

/**
 * The app runs behind the custom server (server/main.ts), which also serves socket.io and the
 * OTLP receiver on the same port. Nothing here reaches the network at build or run time.
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages the route handlers may reach through server/services.ts types; never
  // bundled into the browser.
  serverExternalPackages: ["better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3"],
};

export default nextConfig;
