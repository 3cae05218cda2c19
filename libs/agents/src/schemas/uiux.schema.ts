import { z } from 'zod';
import { list, name, strings, text } from './schema-fields';

const color = () => name(40).describe('a CSS colour, e.g. #1a73e8');
const cssSize = () => name(40).describe('a CSS length, e.g. 2rem');
const lineHeight = () => z.number().min(0.8).max(3);
const pixels = () => z.number().int().min(0).max(10_000).describe('min width in px');

/** The `uiux` artifact: a design system plus the screens and flows that use it. */
export const UiuxArtifact = z.strictObject({
  design_system: z.strictObject({ name: name(), version: name(40), description: text() }),
  color_palette: z.strictObject({
    primary: color(),
    secondary: color(),
    success: color(),
    warning: color(),
    danger: color(),
    neutral: z.strictObject({ '100': color(), '900': color() }),
  }),
  typography: z.strictObject({
    font_family: z.strictObject({ primary: name(), heading: name(), monospace: name() }),
    scale: z.strictObject({ h1: cssSize(), h2: cssSize(), body: cssSize(), small: cssSize() }),
    line_height: z.strictObject({
      tight: lineHeight(),
      normal: lineHeight(),
      relaxed: lineHeight(),
    }),
  }),
  spacing: z.strictObject({
    unit: cssSize(),
    scale: list(z.number().min(0).max(1_000), 12).describe('multiples of the unit'),
  }),
  breakpoints: z.strictObject({
    mobile: pixels(),
    tablet: pixels(),
    desktop: pixels(),
    wide: pixels(),
  }),
  components: list(
    z.strictObject({
      name: name(),
      description: text(),
      variants: strings(12),
      states: strings(12),
      props: strings(20),
    }),
    30,
    1,
  ),
  layouts: list(
    z.strictObject({
      name: name(),
      structure: text(),
      use_cases: strings(12),
      breakpoints: strings(4),
    }),
    12,
  ),
  user_flows: list(
    z.strictObject({
      name: name(),
      steps: strings(20, 1),
      screens: strings(20),
      interactions: strings(20),
    }),
    12,
    1,
  ),
  accessibility: z.strictObject({
    wcag_level: z.enum(['A', 'AA', 'AAA']),
    features: strings(20),
    aria_patterns: strings(20),
  }),
  animations: z.strictObject({
    timing: text(200).describe('easing, e.g. ease-out'),
    duration: text(200).describe('e.g. 150-300ms'),
    motion_principles: strings(10),
  }),
});
export type UiuxArtifact = z.infer<typeof UiuxArtifact>;
