import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AppNav } from "../components/nav/app-nav";
import { ThemeScript } from "../components/theme/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tracetune control room",
  description: "Live tuning and health of the embedded telemetry runtime",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f4f6f9" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        {/* First in the body of every page: the theme class is set before anything paints. */}
        <ThemeScript />
        <AppNav />
        {children}
      </body>
    </html>
  );
}
