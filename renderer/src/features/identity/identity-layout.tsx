import type { ReactNode } from 'react';
import { SyncStatusIndicator } from '../../shell/sync-status-indicator.js';
import { UpgradeFailureBanner } from '../../shell/upgrade-failure-banner.js';
import { PRODUCT_NAME } from '../../shell/use-clinic.js';
import { ThemeToggle } from '../../ui/theme-toggle.js';
import './identity.css';

interface IdentityLayoutProps {
  /** Id of the card's heading, which names the page's main region. */
  titleId: string;
  /** The practice's name when the workstation knows it. */
  practiceName?: string | null;
  /** Shows the sync state: whether the server answers decides how sign-in works. */
  showSync?: boolean;
  children: ReactNode;
}

/** The frame of the screens before the app (setup, sign-in, lock, revoked): one centred card. */
export function IdentityLayout({ titleId, practiceName = null, showSync = false, children }: IdentityLayoutProps) {
  return (
    <div className="identity-page">
      <header className="identity-top">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✚
          </span>
          <span>{practiceName ?? PRODUCT_NAME}</span>
          {practiceName ? <span className="brand-product">{PRODUCT_NAME}</span> : null}
        </span>
        <div className="header-tools">
          {showSync ? <SyncStatusIndicator /> : null}
          <ThemeToggle />
        </div>
      </header>
      <UpgradeFailureBanner />
      <main id="main" className="identity-main">
        <section className="card identity-card" aria-labelledby={titleId}>
          {children}
        </section>
      </main>
    </div>
  );
}
