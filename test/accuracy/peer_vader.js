#!/usr/bin/env node
// peer_vader.js -- score the texts of a labelled TSV with the npm package
// vader-sentiment (the reference peer of the accuracy evaluation).
//
// usage: node peer_vader.js FILE.tsv > scores.tsv
//
// FILE.tsv is UTF-8, tab-separated, with a header row that has the columns
// `id` and `text` (other columns are ignored; no quoting).  Prints one line
// `id<TAB>compound` per data row, in file order, where compound is VADER's
// normalised score in [-1, 1].
'use strict';

const fs = require('fs');
const path = require('path');

let vader;
try {
  vader = require('vader-sentiment');
} catch (e) {
  process.stderr.write('peer_vader.js: the npm package vader-sentiment is missing; run ' +
    '"npm install" in ' + __dirname + '\n');
  process.exit(2);
}

if (process.argv.length !== 3) {
  process.stderr.write('usage: node ' + path.basename(process.argv[1]) + ' FILE.tsv\n');
  process.exit(2);
}

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
const header = lines[0].replace(/\r$/, '').split('\t');
const idCol = header.indexOf('id');
const textCol = header.indexOf('text');
if (idCol < 0 || textCol < 0) {
  process.stderr.write('peer_vader.js: ' + process.argv[2] + ': header needs columns id and text\n');
  process.exit(2);
}

const out = [];
for (let i = 1; i < lines.length; i++) {
  const line = lines[i].replace(/\r$/, '');
  if (line === '')
    continue;
  const f = line.split('\t');
  const text = f[textCol] === undefined ? '' : f[textCol];
  const s = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  out.push(f[idCol] + '\t' + s.compound);
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
