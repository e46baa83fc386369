import { describe, expect, it } from 'vitest';
import { MERGED_CLINICAL_CAP, TEXT_CAPS } from '../../../core/domain/text.js';
import { ErrorCode } from '../../../core/errors.js';
import { mergeClinicalText } from '../../../sync/server/field-merge.js';

const note = {
  staffName: 'A'.repeat(100),
  at: '2026-01-01T00:00:00.000Z',
  mutationId: '01890000-0000-7000-8000-000000000000',
};

describe('merged clinical text cap', () => {
  it('keeps two full SOAP sections and the separator within MERGED_CLINICAL_CAP', () => {
    const full = 's'.repeat(TEXT_CAPS.clinical);
    const merged = mergeClinicalText(full, full, note);
    expect(merged?.length).toBeLessThanOrEqual(MERGED_CLINICAL_CAP);
    expect(merged?.startsWith(full)).toBe(true);
    expect(merged?.endsWith(full)).toBe(true);
  });

  it('rejects a merge that would outgrow the cap rather than cutting clinical text', () => {
    const twice = mergeClinicalText('s'.repeat(TEXT_CAPS.clinical), 's'.repeat(TEXT_CAPS.clinical), note);
    expect(() => mergeClinicalText(twice, 't'.repeat(1_000), note)).toThrow(
      expect.objectContaining({ code: ErrorCode.ValueTooLarge }),
    );
  });
});
