import { describe, expect, it } from 'vitest';
import { auditSettingsStatement, beginStatement } from '../../../../db/central/transaction-settings.js';

describe('transaction settings', () => {
  it('sets only the audit settings that are given, as transaction-local settings', () => {
    expect(auditSettingsStatement({ staffId: 's', mutationId: 'm' })).toEqual({
      text: 'select set_config($1, $2, true), set_config($3, $4, true)',
      params: ['vetdesk.staff_id', 's', 'vetdesk.mutation_id', 'm'],
    });
  });

  it('serialises the audit context as JSON', () => {
    expect(auditSettingsStatement({ auditContext: { conflict: true } })?.params).toEqual([
      'vetdesk.audit_context',
      '{"conflict":true}',
    ]);
  });

  it('needs no statement when nothing is set', () => {
    expect(auditSettingsStatement(undefined)).toBeNull();
    expect(auditSettingsStatement({})).toBeNull();
  });

  it('opens transactions at the requested isolation level', () => {
    expect(beginStatement(undefined)).toBe('begin');
    expect(beginStatement({ isolation: 'serializable' })).toBe('begin isolation level serializable');
  });
});
