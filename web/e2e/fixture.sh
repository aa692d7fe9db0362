#!/usr/bin/env bash
# Builds the e2e database: the Huế demo as on 15/11/2023, plus one cell of HUE-TAYLOC with
# exactly 9 official members and a case of "Nguyễn Văn Đức" whose dossier is complete, so
# that the cell vote (S9: 2/3 of ALL 9 official members) is the next step; and a case of
# "Lê Thị Cúc" in HUE-TAYLOC-CB01 (the cell of the demo's bithu.tayloc) with the certificate
# recorded, so that receiving the dossier (a cell step) is next.
# Usage: fixture.sh PTDV_BIN DB. Prints "case_id=N person_id=N cell_case_id=N".
set -euo pipefail
bin=$1
db=$2
today=2023-11-15
p() { "$bin" --db "$db" --today "$today" "$@"; }
rm -f "$db" "$db-wal" "$db-shm"
p demo >/dev/null
p org add --code HUE-TAYLOC-E2E --name "Chi bộ Tổ dân phố Kiểm thử" --kind cell \
  --parent HUE-TAYLOC --valid-from 2019-01-01 >/dev/null
members=()
for i in 1 2 3 4 5 6 7 8 9; do
  id=$(p --json person add --name "Đảng viên Kiểm thử $i" --birth "1970-0$i-1$i" --org HUE-TAYLOC-E2E \
         --education upper_secondary | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  p member add --person "$id" --org HUE-TAYLOC-E2E --from 2019-01-01 --kind official >/dev/null
  members+=("$id")
done
person=$(p --json person add --name "Nguyễn Văn Đức" --birth 1990-03-12 --sex male --org HUE-TAYLOC-E2E \
           --education upper_secondary --occupation teacher --workplace state --youth-union \
         | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
case_id=$(p --json case open --person "$person" --cell HUE-TAYLOC-E2E --category teacher --date 2022-01-05 \
          | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("id") or d["case"]["id"])')
a() { p case advance "$case_id" "$@" >/dev/null; }
a --action mark_sympathiser --date 2022-01-10 --member "${members[0]}" --doc "NQ:01-NQ/CB"
a --action record_certificate --date 2022-03-01 --doc "GCN-NT:101/GCN-TTCT"
a --action open_dossier --date 2023-06-01 --doc "1-KNĐ:" --doc "2-KNĐ:"
a --action stamp_biography --date 2023-06-05
a --action request_verification --date 2023-06-10 --relation self --relative-name "Nguyễn Văn Đức" --doc "20-KNĐ:11-CV/ĐU"
a --action record_verification_reply --date 2023-07-01 --relation self --relative-name "Nguyễn Văn Đức" --finding clear --doc "20-KNĐ:21-CV/ĐU"
a --action conclude_verification --date 2023-07-10 --doc "2-KNĐ:31-BC/ĐU"
a --action add_introducer --date 2023-09-01 --member "${members[0]}" --together-since 2020-01-01 --doc "3-KNĐ:"
a --action add_introducer --date 2023-09-02 --member "${members[1]}" --together-since 2020-01-01 --doc "3-KNĐ:"
a --action record_opinions --date 2023-10-01 --doc "5-KNĐ:"
cuc=$(p --json person add --name "Lê Thị Cúc" --birth 1998-05-20 --sex female --org HUE-TAYLOC-CB01 \
        --education upper_secondary --occupation public_employee --workplace state --youth-union \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
cell_case=$(p --json case open --person "$cuc" --cell HUE-TAYLOC-CB01 --category youth_union --date 2023-01-10 \
            | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("id") or d["case"]["id"])')
p case advance "$cell_case" --action record_certificate --date 2023-03-01 --doc "GCN-NT:202/GCN-TTCT" >/dev/null
# A teacher just put on HUE-TAYLOC's list of sources (S0), not yet a sympathiser: the sources
# page (15-sources) keeps a row even after 12-classes has certified the ward's one sympathiser.
source=$(p --json person add --name "Phan Thị Nguồn" --birth 1996-08-08 --sex female --org HUE-TAYLOC-CB01 \
           --education upper_secondary --occupation teacher --workplace state \
         | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
p case open --person "$source" --cell HUE-TAYLOC-CB01 --category teacher --date 2023-09-05 >/dev/null
# The account whose password 17-password changes (a leader at HUE), apart from the demo's.
p user add --login doimatkhau --name "Trần Thị Đổi" --role leader --org HUE --password Hue@2023demo >/dev/null
echo "case_id=$case_id person_id=$person cell_case_id=$cell_case"
