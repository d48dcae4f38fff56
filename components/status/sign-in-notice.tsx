"use client";
/** After a failed sign-in the server redirects to /?signin=failed: say so, once, plainly. */
import { useEffect, useState } from "react";

export function SignInNotice() {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (params.get("signin") !== "failed") return;
    setFailed(true);
    // Clean the address bar so a reload does not repeat the message.
    window.history.replaceState(null, "", window.location.pathname);
  }, []);
  if (!failed) return null;
  return (
    <div role="alert" className="flex items-center justify-between gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <span>Sign-in failed: that operator token is not valid. The dashboard is read-only.</span>
      <button type="button" onClick={() => setFailed(false)} className="rounded border border-current px-2 py-0.5 text-xs">
        Dismiss
      </button>
    </div>
  );
}
