import type { ReactNode } from 'react';

/** The signed-out frame: the Cairn name above a small centred card, standing in for <main>. */
export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="auth-brand">
          <img src="/favicon.svg" alt="" width="32" height="32" /> Cairn
        </p>
        {children}
      </div>
    </main>
  );
}
