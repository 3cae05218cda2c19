import { evaluateRouting } from './evaluate-routing';
import { LABELED_REQUIREMENTS } from './labeled-requirements';

describe(evaluateRouting.name, () => {
  it('has at least 80 labeled texts, both classes', () => {
    expect(LABELED_REQUIREMENTS.length).toBeGreaterThanOrEqual(80);
    expect(LABELED_REQUIREMENTS.filter((r) => r.ml).length).toBeGreaterThanOrEqual(30);
    expect(LABELED_REQUIREMENTS.filter((r) => !r.ml).length).toBeGreaterThanOrEqual(30);
  });

  it('routes the labeled set with F1 ≥ 0.9', () => {
    const report = evaluateRouting(LABELED_REQUIREMENTS);
    expect(report.f1).toBeGreaterThanOrEqual(0.9);
    expect(
      report.truePositives + report.falsePositives + report.falseNegatives + report.trueNegatives,
    ).toBe(LABELED_REQUIREMENTS.length);
  });

  it('counts a miss as a confusion case', () => {
    const report = evaluateRouting([{ text: 'a bike rental app', ml: true }]);
    expect(report).toMatchObject({ falseNegatives: 1, recall: 0, f1: 0 });
    expect(report.confusions).toHaveLength(1);
  });
});
