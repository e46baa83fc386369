import { describe, expect, it } from 'vitest';
import { isTxidVisible, pgSnapshotSchema } from '../../../core/sync/pg-snapshot.js';

describe('PostgreSQL snapshot visibility', () => {
  const snapshot = { xmin: '100', xmax: '110', xip_list: ['100', '104'] };

  it('sees transactions below xmin, and below xmax unless in progress', () => {
    expect(isTxidVisible('99', snapshot)).toBe(true);
    expect(isTxidVisible('100', snapshot)).toBe(false);
    expect(isTxidVisible('103', snapshot)).toBe(true);
    expect(isTxidVisible('104', snapshot)).toBe(false);
    expect(isTxidVisible('109', snapshot)).toBe(true);
    expect(isTxidVisible('110', snapshot)).toBe(false);
    expect(isTxidVisible('111', snapshot)).toBe(false);
  });

  it('compares 64-bit ids exactly, beyond what a JavaScript number holds', () => {
    const high = { xmin: '9007199254740993', xmax: '9007199254740995', xip_list: ['9007199254740994'] };
    expect(isTxidVisible('9007199254740992', high)).toBe(true);
    expect(isTxidVisible('9007199254740993', high)).toBe(true);
    expect(isTxidVisible('9007199254740994', high)).toBe(false);
    expect(isTxidVisible('18446744073709551615', high)).toBe(false);
  });

  it('reads the visibility of a snapshot-end message and refuses anything but decimal ids', () => {
    const headers = { control: 'snapshot-end', xmin: '5', xmax: '9', xip_list: ['7'] };
    expect(pgSnapshotSchema.parse(headers)).toEqual({ xmin: '5', xmax: '9', xip_list: ['7'] });
    expect(pgSnapshotSchema.safeParse({ xmin: 5, xmax: '9', xip_list: [] }).success).toBe(false);
    expect(pgSnapshotSchema.safeParse({ xmin: '5', xmax: '9' }).success).toBe(false);
    expect(pgSnapshotSchema.safeParse({ xmin: '5', xmax: '9', xip_list: ['-1'] }).success).toBe(false);
  });
});
