import { lazy, Suspense, useMemo, useState } from 'react';
import type { ApiName } from '../../core/api/contract.js';
import { OwnerScreen } from './features/owners/owner-screen.js';
import { PatientScreen } from './features/patients/patient-screen.js';
import { NotAllowed } from './features/admin/not-allowed.js';
import { useCan } from './features/identity/session-context.js';
import { SearchDialog } from './features/search/search-dialog.js';
import { TodayScreen } from './features/today/today-screen.js';
import { WeekScreen } from './features/today/week-screen.js';
import { navigate, type Route } from './routing/routes.js';
import { useRoute } from './routing/use-route.js';
import { AppHeader } from './shell/app-header.js';
import { UpgradeFailureBanner } from './shell/upgrade-failure-banner.js';
import { HelpDialog } from './shell/help-dialog.js';
import { useClinic } from './shell/use-clinic.js';
import { useGlobalShortcuts } from './shell/use-global-shortcuts.js';
import { EmptyState, Skeleton } from './ui/states.js';
import { Toasts } from './ui/toasts.js';

// Screens away from the front desk's first view load when first opened, so Today does not wait
// for the bill editor or the admin area (and their forms) to be parsed.
const BillScreen = lazy(() => import('./features/billing/bill-screen.js').then((m) => ({ default: m.BillScreen })));
const InboxScreen = lazy(() => import('./features/inbox/inbox-screen.js').then((m) => ({ default: m.InboxScreen })));
const StaffScreen = lazy(() => import('./features/admin/staff-screen.js').then((m) => ({ default: m.StaffScreen })));
const DevicesScreen = lazy(() =>
  import('./features/admin/devices-screen.js').then((m) => ({ default: m.DevicesScreen })),
);
const ClinicDetailsScreen = lazy(() =>
  import('./features/admin/clinic-details-screen.js').then((m) => ({ default: m.ClinicDetailsScreen })),
);
const UpdatesScreen = lazy(() =>
  import('./features/admin/updates-screen.js').then((m) => ({ default: m.UpdatesScreen })),
);
const RestoreGapsScreen = lazy(() =>
  import('./features/admin/restore-gaps-screen.js').then((m) => ({ default: m.RestoreGapsScreen })),
);
const HistoryScreen = lazy(() =>
  import('./features/admin/history-screen.js').then((m) => ({ default: m.HistoryScreen })),
);

/** The operation each admin-only screen reads: a role that may not run it may not open the screen. */
const SCREEN_OPERATION: Partial<Record<Route['name'], ApiName>> = {
  'admin-staff': 'admin.staff',
  'admin-devices': 'admin.devices',
  'admin-updates': 'admin.updates',
  'admin-restore-gaps': 'admin.restoreGaps',
  history: 'audit.history',
};

/** The app shell: header on every screen, the current route's screen, global dialogs. */
export function App() {
  const clinic = useClinic();
  const route = useRoute();
  const can = useCan();
  const operation = SCREEN_OPERATION[route.name];
  // The clinic details screen is for whoever may run its one mutation (admins).
  const allowed =
    route.name === 'admin-clinic' ? can({ mutation: 'clinic.update' }) : operation === undefined || can({ operation });
  const [searchOpen, setSearchOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const handlers = useMemo(
    () => ({
      openSearch: () => {
        setSearchOpen(true);
      },
      openHelp: () => {
        setHelpOpen(true);
      },
      go: (target: 't' | 'i') => {
        navigate(target === 't' ? { name: 'today', date: null } : { name: 'sync-review' });
      },
    }),
    [],
  );
  useGlobalShortcuts(handlers);
  return (
    <div className="app">
      <a className="visually-hidden" href="#main">
        Skip to content
      </a>
      <AppHeader
        route={route}
        practiceName={clinic.practiceName}
        onSearch={handlers.openSearch}
        onHelp={handlers.openHelp}
      />
      <UpgradeFailureBanner />
      <main id="main" className="main">
        {/* Screens wait for the clinic's zone and currency, and redraw if either changes. */}
        {clinic.ready ? (
          <Suspense key={clinic.settingsKey} fallback={<Skeleton lines={6} block />}>
            {allowed ? null : <NotAllowed />}
            {route.name === 'today' ? <TodayScreen date={route.date} /> : null}
            {route.name === 'week' ? <WeekScreen date={route.date} /> : null}
            {route.name === 'owner' ? <OwnerScreen key={route.id} id={route.id} /> : null}
            {route.name === 'patient' ? <PatientScreen key={route.id} id={route.id} /> : null}
            {route.name === 'bill' ? (
              <BillScreen key={route.id} id={route.id} practiceName={clinic.practiceName} />
            ) : null}
            {route.name === 'sync-review' ? <InboxScreen /> : null}
            {route.name === 'admin-staff' && allowed ? <StaffScreen /> : null}
            {route.name === 'admin-devices' && allowed ? <DevicesScreen /> : null}
            {route.name === 'admin-clinic' && allowed ? <ClinicDetailsScreen /> : null}
            {route.name === 'admin-updates' && allowed ? <UpdatesScreen /> : null}
            {route.name === 'admin-restore-gaps' && allowed ? <RestoreGapsScreen /> : null}
            {route.name === 'history' && allowed ? (
              <HistoryScreen key={`${route.table}/${route.id}`} table={route.table} id={route.id} />
            ) : null}
            {route.name === 'not-found' ? (
              <EmptyState title="This page does not exist">
                <a href="#/today">Back to today</a>
              </EmptyState>
            ) : null}
          </Suspense>
        ) : (
          <Skeleton lines={6} block />
        )}
      </main>
      <SearchDialog
        open={searchOpen}
        onClose={() => {
          setSearchOpen(false);
        }}
      />
      <HelpDialog
        open={helpOpen}
        onClose={() => {
          setHelpOpen(false);
        }}
      />
      <Toasts />
    </div>
  );
}
