import { expect, test } from 'vitest';
import {
  changeFailureBand,
  frequencyBand,
  leadTimeBand,
  percentile,
  recoveryBand,
} from './bands.ts';

test('deployment frequency: each boundary of the DORA 2023 bands', () => {
  expect(frequencyBand(5, 20)).toBe('elite');
  expect(frequencyBand(4.5, 20)).toBe('high');
  expect(frequencyBand(1, 4)).toBe('high');
  expect(frequencyBand(0.5, 2)).toBe('medium');
  expect(frequencyBand(0, 1)).toBe('medium');
  expect(frequencyBand(0, 0.5)).toBe('low');
  expect(frequencyBand(null, null)).toBeNull();
});

test('lead time: under a day, a week, a month', () => {
  expect(leadTimeBand(23.99)).toBe('elite');
  expect(leadTimeBand(24)).toBe('high');
  expect(leadTimeBand(167.99)).toBe('high');
  expect(leadTimeBand(168)).toBe('medium');
  expect(leadTimeBand(719.99)).toBe('medium');
  expect(leadTimeBand(720)).toBe('low');
  expect(leadTimeBand(null)).toBeNull();
});

test('change failure rate: 5, 10 and 15 % are still in the better band', () => {
  expect(changeFailureBand(0)).toBe('elite');
  expect(changeFailureBand(0.05)).toBe('elite');
  expect(changeFailureBand(0.0501)).toBe('high');
  expect(changeFailureBand(0.1)).toBe('high');
  expect(changeFailureBand(0.15)).toBe('medium');
  expect(changeFailureBand(0.1501)).toBe('low');
  expect(changeFailureBand(null)).toBeNull();
});

test('time to restore: under an hour, a day, a week', () => {
  expect(recoveryBand(0.99)).toBe('elite');
  expect(recoveryBand(1)).toBe('high');
  expect(recoveryBand(23.99)).toBe('high');
  expect(recoveryBand(24)).toBe('medium');
  expect(recoveryBand(167.99)).toBe('medium');
  expect(recoveryBand(168)).toBe('low');
  expect(recoveryBand(null)).toBeNull();
});

test('percentiles interpolate linearly between closest ranks', () => {
  expect(percentile([], 0.5)).toBeNull();
  expect(percentile([7], 0.9)).toBe(7);
  expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
  expect(percentile([10, 20, 30, 40, 50], 0.75)).toBe(40);
  expect(percentile([0, 10], 0.9)).toBe(9);
});
