#!/bin/sh
# Rebuilds the folder of real files for bench/real_files.py: the Word, XLIFF and TMX test files of public
# projects, at the commits measured, one subfolder a project, each file named by its path in the project
# (slashes as underscores). Git LFS pointers and files a mirror lacks are left out.
#
#   sh bench/fetch_real_files.sh ../corpora/realfiles             # clones each repository (depth 1) from GitHub
#   MIRROR=/srv/mirrors sh bench/fetch_real_files.sh FOLDER       # reads bare copies MIRROR/<owner>+<name>/repo
#
# Then: python bench/real_files.py FOLDER
set -eu
out=${1:?usage: fetch_real_files.sh FOLDER}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# project owner/name commit file-pattern path-pattern
while read -r project repo commit files paths; do
    [ -z "$project" ] && continue
    if [ -n "${MIRROR:-}" ]; then
        git_dir="$MIRROR/$(echo "$repo" | tr / +)/repo"
    else
        git_dir="$work/$project.git"
        git init -q --bare "$git_dir"
        git -C "$git_dir" fetch -q --depth 1 "https://github.com/$repo.git" "$commit"
    fi
    mkdir -p "$out/$project"
    git -C "$git_dir" ls-tree -r -l "$commit" | grep -iE "$files" | grep -E "$paths" |
        while read -r _mode _type blob size path; do
            [ "$size" = "-" ] && continue
            target="$out/$project/$(echo "$path" | tr / _)"
            if ! git -C "$git_dir" cat-file blob "$blob" > "$target" 2>/dev/null; then rm -f "$target"; continue; fi
            if head -c 40 "$target" | grep -q "version https://git-lfs"; then rm -f "$target"; fi
        done
    echo "$project: $(ls "$out/$project" | wc -l) files"
done <<'EOF'
python-docx python-openxml/python-docx e45454602b53e8e572b179ccf1c91093ec9f4ed7 \.docx$ .
mammoth mwilliamson/mammoth.js e3b9cecdaa3df0d9007ed7b06add53c65516e429 \.docx$ .
docx2python ShayHill/docx2python fd4f0653eb861ad4a7431e9a4f62f9a74ab9d9a1 \.docx$ .
docx4j plutext/docx4j c09797573256c0abac8529008df7336125ea5685 \.docx$ .
phpword PHPOffice/PHPWord 0ab0b4940bc52c7183e82ab2fd55324607037a73 \.docx$ .
poi apache/poi a528d43590b3f71aa94310de881a35af887fdd0f \.docx$ .
pandoc jgm/pandoc 0a9a2f261510322ee5a33a2a7facce54b8a718ec \.docx$ .
docxtpl elapouya/python-docx-template f96b0b641359e7ecbc054d48da2aea682834dee2 \.docx$ .
omegat omegat-org/omegat ba59a84762de0ecebcf42ee98ac890caac1f75a0 \.(xlf|xliff|tmx)$ .
translate-toolkit translate/translate b48f273fd27f941bb4b6930b0202efe6299d74d9 \.(xlf|xliff|tmx)$ .
oasis-xliff oasis-tcs/xliff-xliff-22 bf6b775c460415e9588b299ceb7d388eb03aed26 \.(xlf|xliff|tmx)$ xliff-22/test-suite/.*/valid/
symfony symfony/symfony 5feb7493c372384d78b4931bb76f73c83f49f50e \.(xlf|xliff|tmx)$ Translation/Tests/Fixtures|Validator/Resources/translations/validators\.(ar|en|fr|de)
locize-xliff locize/xliff 3cd78f3c22055765fa14909ad8e904a3e2a31d9a \.(xlf|xliff|tmx)$ .
EOF
