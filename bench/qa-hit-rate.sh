#!/usr/bin/env bash
# 智能问答 answer quality: the committed question set (bench/qa/questions.tsv, one question and a fragment of the
# expected item's title per line, written from the demo catalogue) asked against a fresh demo database; prints the
# share of questions whose expected item is among the top three answers, and each miss.
#
#   bench/qa-hit-rate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test tests/Gongkai.Web.Tests -c Release --filter "FullyQualifiedName~PolicyQuestionSetTests" --logger "console;verbosity=detailed" \
    | grep -E "智能问答 top-3 hit rate|未命中|Passed!|Failed!"
