#!/usr/bin/env node
// Runs the DuckDB peer of the benchmark into a fresh database file: elt.sql (the files into
// staging and the star schema), then keys.sql (primary keys). Prints "plays N matched M"
// (../counts.sql) on stdout and the time of each step on stderr.
//
//   node elt.js DATABASE SONG_DIR EVENT_DIR
//
// DATABASE must not exist yet. Install DuckDB first: `npm ci` in this folder.
'use strict';

const fs = require('fs');
const path = require('path');
const { DuckDBInstance } = require('@duckdb/node-api');

const sql = (file) => fs.readFileSync(path.join(__dirname, file), 'utf8');

async function timed(step, work) {
  const start = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.error(`duckdb peer: ${step} ${seconds.toFixed(2)} s`);
  return result;
}

async function main([database, songDir, eventDir]) {
  if (!database || !songDir || !eventDir) throw new Error('usage: elt.js DATABASE SONG_DIR EVENT_DIR');
  if (fs.existsSync(database)) throw new Error(`${database} already exists`);
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  await connection.run('SET VARIABLE song_files = $1', [path.join(songDir, '**', '*.json')]);
  await connection.run('SET VARIABLE event_files = $1', [path.join(eventDir, '**', '*.json')]);
  await timed('elt.sql', () => connection.run(sql('elt.sql')));
  await timed('keys.sql', () => connection.run(sql('keys.sql')));
  const counts = (await connection.runAndReadAll(sql('../counts.sql'))).getRows()[0][0];
  await timed('close', async () => {
    connection.closeSync();
    instance.closeSync();
  });
  console.log(counts);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`duckdb peer: ${error.message}`);
  process.exit(1);
});
