#!/usr/bin/env node
// peer_sentiment.js -- time the npm package `sentiment` (AFINN-165 based, the
// fastest JavaScript sentiment scorer we know of) over a file of texts, one
// text per line, the same texts that score_bench.sh scores in SQL.
//
// usage: node peer_sentiment.js TEXTS.txt [RUNS]
//
// Reading the file is not timed.  Each run scores every line once and adds
// the comparative scores up (so nothing can be optimised away).  Prints one
// line per run: `run N: ROWS rows, BYTES bytes, MS ms, ROWS/s, MB/s, sum`,
// then `best: ...` with the fastest run, in the same format.
'use strict';

const fs = require('fs');
let Sentiment;
try {
  Sentiment = require('sentiment');
} catch (e) {
  process.stderr.write('peer_sentiment.js: the npm package sentiment is missing; run ' +
    '"npm install" in ' + __dirname + '\n');
  process.exit(2);
}

if (process.argv.length < 3) {
  process.stderr.write('usage: node peer_sentiment.js TEXTS.txt [RUNS]\n');
  process.exit(2);
}
const runs = process.argv[3] ? parseInt(process.argv[3], 10) : 2;
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '')
  lines.pop();
const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8'), 0);
const analyzer = new Sentiment();

function report(label, ms, sum) {
  const rps = lines.length / (ms / 1000);
  const mbps = bytes / 1e6 / (ms / 1000);
  return `${label}: ${lines.length} rows, ${bytes} bytes, ${ms.toFixed(1)} ms, ` +
    `${Math.round(rps)} rows/s, ${mbps.toFixed(2)} MB/s, sum ${sum.toFixed(3)}`;
}

let best = null;
for (let r = 1; r <= runs; r++) {
  const t0 = process.hrtime.bigint();
  let sum = 0;
  for (let i = 0; i < lines.length; i++)
    sum += analyzer.analyze(lines[i]).comparative;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(report('run ' + r, ms, sum));
  if (best === null || ms < best.ms)
    best = { ms, sum };
}
console.log(report('best', best.ms, best.sum));
