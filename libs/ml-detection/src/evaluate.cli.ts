/* eslint-disable no-console -- a command whose output is its report */
import { evaluateRouting } from './evaluate-routing';
import { LABELED_REQUIREMENTS } from './labeled-requirements';

// `npx nx run ml-detection:evaluate`: the routing decision's quality on the labeled set.
const report = evaluateRouting(LABELED_REQUIREMENTS);
const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
console.log(`labeled requirements: ${report.total}`);
console.log(
  `TP ${report.truePositives}  FP ${report.falsePositives}  FN ${report.falseNegatives}  TN ${report.trueNegatives}`,
);
console.log(
  `precision ${pct(report.precision)}  recall ${pct(report.recall)}  F1 ${report.f1.toFixed(3)}`,
);
console.log(report.confusions.length === 0 ? 'no confusion cases' : 'confusion cases:');
for (const miss of report.confusions) {
  console.log(`- expected ${miss.expected ? 'ML' : 'not ML'}, score ${miss.score}: ${miss.text}`);
  console.log(`  signals: ${miss.signals.join(', ') || 'none'}`);
}
process.exitCode = report.f1 >= 0.9 ? 0 : 1;
