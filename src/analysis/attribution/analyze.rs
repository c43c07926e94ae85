//! The analysis: quotations with their attribution, then reported speech in the sentences
//! left.

use super::*;

/// Find the attributions of a document (the comment thread is left to the thread model:
/// each comment is its author's).
pub fn analyze(doc: &Document, words: &Words) -> Analysis {
    let lx = Lexicons::built_in();
    let text = &doc.text;
    let mut ents = Entities::new(words);
    let mut out: Vec<Attribution> = Vec::new();
    // The attribution a quotation left open at the end of the last paragraph.
    let mut running: Option<usize> = None;
    // The last attribution with a speaker in the paragraph before: a paragraph that is only
    // a quotation goes on with that speaker (news puts one speaker's quotations in a row).
    let mut last_speaker: Option<usize> = None;
    for (_, block, scope) in scoped_blocks(doc) {
        // The thread is the thread model's (each comment is its author's); an excerpt with
        // its source is the source's whole.
        let excerpt = block.kind == crate::document::BlockKind::Quote
            && block.quote.as_ref().is_some_and(|q| q.source.is_some());
        if scope == Scope::Thread || block.kind == crate::document::BlockKind::Title || excerpt {
            running = None;
            last_speaker = None;
            continue;
        }
        let prev_speaker = last_speaker.take();
        let first_of_block = out.len();
        let base = block.span.start;
        let s = &text[block.span.clone()];
        if s.to_lowercase().starts_with("editor's note")
            || s.to_lowercase().starts_with("editor’s note")
        {
            continue;
        }
        let toks = tokens(s);
        // Names for later pronouns and roles, sentence by sentence.
        let sentences = sentence_spans(s);
        for sent in &sentences {
            // Tokens run in order: a sentence's are one stretch of them.
            let a = toks.partition_point(|t| t.start < sent.start);
            let b = a + toks[a..].partition_point(|t| t.end <= sent.end);
            ents.scan(&toks[a..b], s, base);
        }
        let quotes: Vec<Quoted> = quotations(s);
        let tok_at = |byte: usize| {
            toks.iter()
                .position(|t| t.start >= byte)
                .unwrap_or(toks.len())
        };
        let tok_before = |byte: usize| toks.iter().rposition(|t| t.end <= byte);
        let mut consumed: Vec<Span> = Vec::new();
        let mut last_in_block: Option<usize> = None;
        let continues_running = running.is_some()
            && quotes
                .first()
                .is_some_and(|q| s[..q.open].trim().is_empty());
        for (qi, q) in quotes.iter().enumerate() {
            let inner_words = word_count(&s[q.inner.clone()]);
            let sentence = sentences
                .iter()
                .find(|r| r.start <= q.open && q.open < r.end.max(r.start + 1))
                .cloned()
                .unwrap_or(0..s.len());
            // Inside a reported clause already taken whole (a second quotation in it).
            if names_a_work(s, q)
                || consumed
                    .iter()
                    .any(|c| c.start <= q.open && q.close <= c.end)
            {
                continue;
            }
            let mut found: Option<(Cue, Span, Np, Option<String>, bool)> = None; // cue, mention, np, intro, mixed
            // a. After the closing mark: ",” Kim told reporters" / ",” said Tom Becker".
            // A quotation closed with a full stop ends its sentence: what follows is not
            // its attribution (“… him.” Manager Leo Nunez denied it).
            let ends_sentence = s[q.inner.clone()].trim_end().ends_with('.');
            if !q.open_end && !ends_sentence {
                let i0 = tok_at(q.close);
                let limit = (i0 + 12).min(toks.len());
                let next_quote = quotes.get(qi + 1).map_or(usize::MAX, |n| n.open);
                for i in i0..limit {
                    // Not past the next quotation, nor into the next sentence.
                    if toks[i].start > next_quote
                        || (i > i0 && toks[i - 1].after.contains(['.', '!', '?']))
                    {
                        break;
                    }
                    if let Some((class, n, cue_text)) = cue_at(&toks, i, lx) {
                        let cue = Cue {
                            span: base + toks[i].start..base + toks[i + n - 1].end,
                            text: cue_text,
                            class,
                            form: CueForm::Verb,
                        };
                        let subject = if i == i0 {
                            subject_after(&toks, i + n, s, words)
                        } else {
                            subject_before(&toks, i0, i, s, words)
                        };
                        if let Some((a, b, np, intro)) = subject {
                            found = Some((
                                cue,
                                base + toks[a].start..base + toks[b].end,
                                np,
                                intro,
                                false,
                            ));
                        }
                        break;
                    }
                    if toks[i].stops() && i > i0 + 8 {
                        break;
                    }
                }
            }
            // b. Before the opening mark: "Linda Cho said: “…”", "said the city “has no plans”",
            // "Councillor Ben Ito: “…”", "According to X, “…”".
            if found.is_none() {
                let i1 = tok_before(q.open).map_or(0, |i| i + 1);
                let i0 = toks
                    .iter()
                    .position(|t| t.start >= sentence.start)
                    .unwrap_or(0)
                    .min(i1);
                // The last cue before the quotation in its sentence.
                let mut hit = None;
                let mut i = i0;
                while i < i1 {
                    if let Some((class, n, cue_text)) = cue_at(&toks, i, lx) {
                        hit = Some((i, class, n, cue_text));
                        i += n;
                    } else {
                        i += 1;
                    }
                }
                if let Some((i, class, n, cue_text)) = hit {
                    let cue = Cue {
                        span: base + toks[i].start..base + toks[i + n - 1].end,
                        text: cue_text.clone(),
                        class,
                        form: if cue_text == "according to" {
                            CueForm::AccordingTo
                        } else {
                            CueForm::Verb
                        },
                    };
                    let subject = if cue_text == "according to" {
                        subject_after(&toks, i + n, s, words)
                    } else {
                        subject_before(&toks, i0, i, s, words)
                    };
                    if let Some((a, b, np, intro)) = subject {
                        // Words between the cue and the mark make it a reported clause.
                        let gap = skip_after_cue(&toks, i + n);
                        let mixed = gap < i1
                            && !toks[i + n - 1].after.contains(':')
                            && !toks[i + n - 1].comma();
                        found = Some((
                            cue,
                            base + toks[a].start..base + toks[b].end,
                            np,
                            intro,
                            mixed,
                        ));
                    }
                } else if i1 > i0 && toks[i1 - 1].after.contains(':') {
                    // "Councillor Ben Ito: “…”" (words only before the colon: not code such
                    // as `new Headers({"Content-Type": "…"`)
                    let speaker_text = &s[toks[i0].start..toks[i1 - 1].end];
                    let only_words = speaker_text
                        .chars()
                        .all(|c| c.is_alphanumeric() || c.is_whitespace() || ".,-’'".contains(c));
                    if only_words
                        && let Some(np) = classify(&toks[i0..i1], s, words)
                        && matches!(
                            np,
                            Np::Person { .. } | Np::Surname(_) | Np::Organisation { .. }
                        )
                    {
                        let cue = Cue {
                            span: {
                                let at = base
                                    + toks[i1 - 1].end
                                    + toks[i1 - 1].after.find(':').unwrap_or(0);
                                at..at + 1
                            },
                            text: ":".to_owned(),
                            class: VerbClass::Neutral,
                            form: CueForm::Colon,
                        };
                        found = Some((
                            cue,
                            base + toks[i0].start..base + toks[i1 - 1].end,
                            np,
                            None,
                            false,
                        ));
                    }
                }
            }
            if found.is_none() && is_not_speech(s, q) {
                continue;
            }
            match found {
                Some((cue, mention, np, intro, mixed)) => {
                    let resolved = ents.resolve(&np, mention.clone(), intro, mention.start);
                    let (kind, content) = if mixed {
                        // The reported clause: from after the cue to the end of the sentence.
                        let i = tok_at(cue.span.end - base);
                        let from = toks
                            .get(skip_after_cue(&toks, i))
                            .map_or(q.open, |t| t.start.min(q.open));
                        let from = if from > q.open { q.open } else { from };
                        let end = s[..sentence.end.max(q.close).min(s.len())]
                            .trim_end_matches(['.', ' '])
                            .len();
                        (AttributionKind::Mixed, base + from..base + end.max(q.close))
                    } else {
                        (
                            AttributionKind::Direct,
                            base + q.inner.start..base + q.inner.end,
                        )
                    };
                    if mixed {
                        consumed.push(sentence.clone());
                    }
                    consumed.push(q.open..q.close);
                    out.push(Attribution {
                        kind,
                        words: word_count(&text[content.clone()]),
                        content,
                        cue: Some(cue),
                        speaker_mention: Some(mention),
                        entity: resolved.map(|r| r.0),
                        resolution: resolved.map(|r| r.1),
                        scope,
                    });
                    // A split quotation's first part, and a quotation from the paragraph
                    // before, share this speaker.
                    let me = out.len() - 1;
                    for earlier in [last_in_block, running].into_iter().flatten() {
                        if out[earlier].entity.is_none()
                            && out[earlier]
                                .cue
                                .as_ref()
                                .is_some_and(|c| c.form == CueForm::Continuation)
                        {
                            out[earlier].entity = out[me].entity;
                            out[earlier].resolution = Some(Resolution::Continuation);
                        }
                    }
                    last_in_block = Some(me);
                }
                None => {
                    // No attribution of its own: it continues the one before (a split
                    // quotation, a second quotation, a quotation over paragraphs) or waits
                    // for one after it; else it is nobody's — unless it is a scare quote.
                    // (Paragraphs only: a block quotation is often a post or a document.)
                    let opens_block = qi == 0
                        && s[..q.open].trim().is_empty()
                        && block.kind == crate::document::BlockKind::Paragraph;
                    let before = if qi == 0 && continues_running {
                        running
                    } else if last_in_block.is_some() {
                        last_in_block
                    } else if opens_block
                        && inner_words >= 4
                        // a whole sentence (one ending in a comma waits for its attribution)
                        && s[q.inner.clone()]
                            .trim_end()
                            .ends_with(['.', '?', '!', '…'])
                    {
                        // a named speaker, not a description such as "local news reports"
                        prev_speaker.filter(|&k| {
                            out[k]
                                .entity
                                .is_some_and(|e| ents.list[e].kind != EntityKind::Unnamed)
                        })
                    } else {
                        None
                    };
                    if inner_words <= 3 && before.is_none() {
                        continue;
                    }
                    let entity = before.and_then(|b| out[b].entity);
                    consumed.push(q.open..q.close);
                    out.push(Attribution {
                        kind: AttributionKind::Direct,
                        content: base + q.inner.start..base + q.inner.end,
                        cue: Some(Cue {
                            span: base + q.open..base + q.open,
                            text: String::new(),
                            class: before
                                .and_then(|b| out[b].cue.as_ref().map(|c| c.class))
                                .unwrap_or(VerbClass::Neutral),
                            form: CueForm::Continuation,
                        }),
                        speaker_mention: None,
                        entity,
                        resolution: entity.map(|_| Resolution::Continuation),
                        scope,
                        words: inner_words,
                    });
                    last_in_block = Some(out.len() - 1);
                }
            }
        }
        running = quotes.last().filter(|q| q.open_end).and(last_in_block);

        // Reported speech in the sentences left.
        for sent in &sentences {
            if consumed
                .iter()
                .any(|c| c.start < sent.end && sent.start < c.end)
            {
                continue;
            }
            let i0 = toks
                .iter()
                .position(|t| t.start >= sent.start)
                .unwrap_or(toks.len());
            let i_end = toks
                .iter()
                .rposition(|t| t.end <= sent.end)
                .map_or(i0, |i| i + 1);
            let mut i = i0;
            let mut speaker: Option<(Option<usize>, Option<Resolution>, Span)> = None;
            while i < i_end {
                let Some((class, n, cue_text)) = cue_at(&toks, i, lx) else {
                    i += 1;
                    continue;
                };
                let according = cue_text == "according to";
                // ", insisting that …", ", and warning that …": the last speaker goes on.
                let gerund = !according && toks[i].lower.ends_with("ing") && i > i0;
                let participle = gerund
                    && (toks[i - 1].comma()
                        || (toks[i - 1].lower == "and" && i > i0 + 1 && toks[i - 2].comma()));
                // "X responded by rejecting …": the subject of the verb before "by".
                let by_gerund = gerund
                    && !participle
                    && toks[i - 1].lower == "by"
                    && i > i0 + 2
                    && matches!(
                        toks[i - 2].lower.as_str(),
                        "responded" | "reacted" | "replied" | "answered" | "retorted"
                    );
                let subject = if according {
                    subject_after(&toks, i + n, s, words)
                } else if by_gerund {
                    subject_before(&toks, i0, i - 2, s, words)
                } else if participle {
                    None
                } else {
                    subject_before(&toks, i0, i, s, words)
                };
                // The clause must start at the subject: nothing but an opener before it.
                let starts_clause = |a: usize| {
                    a == i0
                        || toks[a - 1].comma()
                        || (a == i0 + 1
                            && matches!(
                                toks[i0].lower.as_str(),
                                "but"
                                    | "and"
                                    | "yet"
                                    | "so"
                                    | "later"
                                    | "still"
                                    | "meanwhile"
                                    | "however"
                            ))
                };
                let content = if according {
                    // "According to X, CONTENT." or "CONTENT, according to X."
                    match &subject {
                        Some((_, b, _, _)) if i == i0 || (i == i0 + 1 && toks[i0].cap()) => {
                            let from = b + 1;
                            (from < i_end).then(|| toks[from].start..sent_end(s, sent))
                        }
                        Some(_) if i > i0 && toks[i - 1].comma() => {
                            Some(toks[i0].start..toks[i - 1].end)
                        }
                        _ => None,
                    }
                } else {
                    let from = skip_after_cue(&toks, i + n);
                    // Verbs that also describe things (shows, reports, writes, adds) need "that".
                    let needs_that = lx.verb(&toks[i].lower).is_some_and(|v| v.needs_that);
                    let has_that = from > i + n && toks[from - 1].lower == "that";
                    // "argue against", "spoke about", "said yes": not a clause that is reported.
                    let no_clause = toks.get(from).is_some_and(|t| {
                        matches!(
                            t.lower.as_str(),
                            "against"
                                | "for"
                                | "about"
                                | "with"
                                | "to"
                                | "of"
                                | "over"
                                | "at"
                                | "by"
                                | "into"
                                | "from"
                                | "up"
                                | "out"
                                | "off"
                                | "back"
                                | "yes"
                                | "no"
                                | "so"
                                | "goodbye"
                                | "nothing"
                                | "something"
                                | "little"
                                | "much"
                        )
                    });
                    if (needs_that || no_clause) && !has_that || from >= i_end {
                        None
                    } else {
                        Some(toks[from].start..sent_end(s, sent))
                    }
                };
                let resolved = match (&subject, participle, &speaker) {
                    (Some((a, b, np, intro)), false, _) if according || starts_clause(*a) => {
                        let mention = base + toks[*a].start..base + toks[*b].end;
                        let r = ents.resolve(np, mention.clone(), intro.clone(), mention.start);
                        Some((r.map(|r| r.0), r.map(|r| r.1), mention))
                    }
                    (_, true, Some(sp)) => Some(sp.clone()),
                    _ => None,
                };
                if let (Some((entity, resolution, mention)), Some(content)) = (resolved, content) {
                    let content = trim_content(s, content);
                    if word_count(&s[content.clone()]) >= 3 {
                        // The previous report ends where a participle starts (", insisting …").
                        let comma = match participle {
                            true if toks[i - 1].comma() => i - 1,
                            true => i - 2,
                            false => 0,
                        };
                        if participle
                            && let Some(last) = out.last_mut()
                            && last.content.end > base + toks[comma].start
                        {
                            last.content.end =
                                base + s[..toks[comma].end].trim_end_matches(',').len();
                            last.words = word_count(&text[last.content.clone()]);
                        }
                        let has_quote = s[content.clone()].chars().any(is_open_quote);
                        out.push(Attribution {
                            kind: if has_quote {
                                AttributionKind::Mixed
                            } else {
                                AttributionKind::Indirect
                            },
                            words: word_count(&s[content.clone()]),
                            content: base + content.start..base + content.end,
                            cue: Some(Cue {
                                span: base + toks[i].start..base + toks[i + n - 1].end,
                                text: cue_text,
                                class,
                                form: if according {
                                    CueForm::AccordingTo
                                } else {
                                    CueForm::Verb
                                },
                            }),
                            speaker_mention: Some(mention.clone()),
                            entity,
                            resolution,
                            scope,
                        });
                        speaker = Some((entity, resolution, mention));
                        if !according {
                            // Verbs inside what is reported are not new reports.
                            let next_participle = (i + n..i_end).find(|&k| {
                                toks[k].lower.ends_with("ing")
                                    && (toks[k - 1].comma()
                                        || toks[k - 1].lower == "and" && toks[k - 2].comma())
                                    && cue_at(&toks, k, lx).is_some()
                            });
                            i = next_participle.unwrap_or(i_end);
                            continue;
                        }
                        i = i_end;
                        continue;
                    }
                }
                i += n;
            }
        }
        last_speaker = (first_of_block..out.len())
            .rev()
            .find(|&k| out[k].entity.is_some());
    }
    out.sort_by_key(|a| a.content.start);
    Analysis {
        attributions: out,
        entities: ents.list,
    }
}

/// The end of a sentence's words (its full stop left out).
pub(super) fn sent_end(s: &str, sent: &Span) -> usize {
    s[..sent.end].trim_end_matches(['.', ' ', '!', '?']).len()
}

pub(super) fn trim_content(s: &str, c: Span) -> Span {
    let t = &s[c.clone()];
    let lead = t.len() - t.trim_start().len();
    let end = c.start + t.trim_end_matches([' ', ',', '.']).len();
    c.start + lead..end.max(c.start + lead)
}
