import { useState } from 'react';
import { useApiQuery } from '../../api/use-api-query.js';

const KEY = 'vetdesk.weekVet';

function stored(): string | null | undefined {
  const value = window.sessionStorage.getItem(KEY);
  return value === null ? undefined : value || null;
}

/**
 * The week view's vet filter: what staff last chose in this window (kept across reloads in
 * sessionStorage, '' meaning every vet), else the signed-in vet's own diary for a vet, else
 * every vet. A week of every vet's bookings is long; a vet mostly wants their own.
 */
export function useWeekVet(): [vetId: string | null, choose: (vetId: string | null) => void] {
  const session = useApiQuery('session.current', {});
  const [chosen, setChosen] = useState<string | null | undefined>(stored);
  const ownDiary = session.data?.role === 'vet' ? session.data.id : null;
  const choose = (vetId: string | null) => {
    window.sessionStorage.setItem(KEY, vetId ?? '');
    setChosen(vetId);
  };
  return [chosen === undefined ? ownDiary : chosen, choose];
}
