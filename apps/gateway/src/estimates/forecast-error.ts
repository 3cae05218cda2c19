/**
 * How far actual spend landed from the forecast, as a signed ratio of the forecast: +0.25 means
 * 25 % more was spent than forecast, -0.1 means 10 % less. Undefined when nothing was forecast
 * (no ratio of zero exists).
 */
export const forecastErrorRatio = (forecastUsd: number, actualUsd: number): number | undefined =>
  forecastUsd > 0 ? (actualUsd - forecastUsd) / forecastUsd : undefined;
