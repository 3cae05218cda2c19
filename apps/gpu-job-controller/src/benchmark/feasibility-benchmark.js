#!/usr/bin/env node
// The CPU-only feasibility benchmark shipped with the gpu-job-controller (GPU_BACKEND=local): a
// measurable numeric workload so the ML path runs end to end on a machine without a GPU. It trains
// a small two-layer network on synthetic data with plain Float64Array maths, prints progress lines,
// and ends with one JSON line (the job's result): throughput, loss, accuracy and what it ran on.
// Operators replace it with their own image and command (GPU_JOB_IMAGE, GPU_JOB_COMMAND).
'use strict';
const os = require('node:os');

const scale = Math.max(1, Number(process.env.AGENTBUS_BENCH_SCALE) || 1);
const SAMPLES = 2_048 * scale;
const FEATURES = 32;
const HIDDEN = 64;
const EPOCHS = 8;
const RATE = 0.02;

// Deterministic data (seeded LCG): the same task gives the same loss curve on any machine.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;

function matmulGflops(size) {
  const a = Float64Array.from({ length: size * size }, random);
  const b = Float64Array.from({ length: size * size }, random);
  const c = new Float64Array(size * size);
  const started = process.hrtime.bigint();
  for (let i = 0; i < size; i += 1) {
    for (let k = 0; k < size; k += 1) {
      const aik = a[i * size + k];
      for (let j = 0; j < size; j += 1) c[i * size + j] += aik * b[k * size + j];
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (2 * size ** 3) / seconds / 1e9;
}

function dataset() {
  const truth = Float64Array.from({ length: FEATURES }, () => random() * 2 - 1);
  const x = Float64Array.from({ length: SAMPLES * FEATURES }, () => random() * 2 - 1);
  const y = new Float64Array(SAMPLES);
  for (let n = 0; n < SAMPLES; n += 1) {
    let dot = 0;
    for (let f = 0; f < FEATURES; f += 1) dot += x[n * FEATURES + f] * truth[f];
    y[n] = dot > 0 ? 1 : 0;
  }
  return { x, y };
}

function train({ x, y }) {
  const w1 = Float64Array.from({ length: FEATURES * HIDDEN }, () => (random() - 0.5) * 0.5);
  const w2 = Float64Array.from({ length: HIDDEN }, () => (random() - 0.5) * 0.5);
  const hidden = new Float64Array(HIDDEN);
  const losses = [];
  let correct = 0;
  for (let epoch = 1; epoch <= EPOCHS; epoch += 1) {
    let loss = 0;
    correct = 0;
    for (let n = 0; n < SAMPLES; n += 1) {
      let out = 0;
      for (let h = 0; h < HIDDEN; h += 1) {
        let sum = 0;
        for (let f = 0; f < FEATURES; f += 1) sum += x[n * FEATURES + f] * w1[f * HIDDEN + h];
        hidden[h] = Math.tanh(sum);
        out += hidden[h] * w2[h];
      }
      const p = 1 / (1 + Math.exp(-out));
      loss -= y[n] * Math.log(p + 1e-12) + (1 - y[n]) * Math.log(1 - p + 1e-12);
      if ((p > 0.5 ? 1 : 0) === y[n]) correct += 1;
      const grad = (p - y[n]) * RATE;
      for (let h = 0; h < HIDDEN; h += 1) {
        const back = grad * w2[h] * (1 - hidden[h] * hidden[h]);
        w2[h] -= grad * hidden[h];
        for (let f = 0; f < FEATURES; f += 1) w1[f * HIDDEN + h] -= back * x[n * FEATURES + f];
      }
    }
    losses.push(Number((loss / SAMPLES).toFixed(4)));
    process.stdout.write(`epoch ${epoch}/${EPOCHS} loss=${losses.at(-1)}\n`);
  }
  return { losses, accuracy: correct / SAMPLES };
}

const started = process.hrtime.bigint();
process.stdout.write(
  `feasibility benchmark (${process.env.AGENTBUS_JOB_KIND ?? 'feasibility'}), ${SAMPLES} samples\n`,
);
const gflops = matmulGflops(160);
process.stdout.write(`matmul ${gflops.toFixed(2)} GFLOP/s\n`);
const trainStarted = process.hrtime.bigint();
const { losses, accuracy } = train(dataset());
const trainSeconds = Number(process.hrtime.bigint() - trainStarted) / 1e9;
const result = {
  benchmark: 'cpu-mlp-baseline',
  device: 'cpu',
  metrics: {
    matmulGflops: Number(gflops.toFixed(3)),
    trainSeconds: Number(trainSeconds.toFixed(3)),
    samplesPerSecond: Math.round((SAMPLES * EPOCHS) / trainSeconds),
    finalLoss: losses.at(-1),
    accuracy: Number(accuracy.toFixed(4)),
  },
  lossCurve: losses,
  hardware: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
