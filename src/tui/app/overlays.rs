//! The windows over the panes, from the app's side: opening them, keys while one is open,
//! and searching for what was picked.
use super::App;
use crate::tui::action::Action;
use crate::tui::overlay::{Overlay, PickItem};

/// How many people and how many countries "who and where" lists, and its trend's length.
const PROMINENT: usize = 15;
const TREND_BUCKETS: usize = 24;

impl App {
    /// Handles an action while a window is open: move, pick, or close.
    pub(super) fn handle_in_overlay(&mut self, action: Action) {
        let Some(overlay) = self.overlay.as_mut() else {
            return;
        };
        if let Some(motion) = action.motion() {
            return overlay.apply(motion);
        }
        match action {
            Action::Open => {
                if let Some(query) = overlay.selected_query().map(str::to_string) {
                    self.overlay = None;
                    self.focus = super::Focus::List;
                    self.set_query(query);
                }
            }
            Action::Quit => self.quit = true,
            _ => self.overlay = None,
        }
    }

    /// The keys, then the query language that `/` takes.
    pub(super) fn show_help(&mut self) {
        let mut rows = self.keymap.help();
        rows.push((String::new(), ""));
        rows.push(("Searching".into(), "what the query after / finds:"));
        let syntax = crate::library::query::SYNTAX.iter();
        rows.extend(syntax.map(|&(form, finds)| (form.to_string(), finds)));
        self.overlay = Some(Overlay::Help {
            rows,
            scroll: 0,
            visible: Default::default(),
        });
    }

    /// The people and countries (and places) of the open story, most mentioned first.
    pub(super) fn show_story_entities(&mut self) {
        use crate::entities::Kind;
        let Some(view) = &self.article else {
            return self.message = Some("no story is open".into());
        };
        let mut items: Vec<PickItem> = Vec::new();
        for entity in view
            .article
            .entities
            .iter()
            .chain(&view.article.title_entities)
        {
            if !matches!(entity.kind, Kind::Person | Kind::Country | Kind::Place) {
                continue;
            }
            let query = query_for(entity);
            match items
                .iter_mut()
                .find(|i| i.kind == entity.kind && i.query == query)
            {
                Some(item) => item.count += 1,
                None => items.push(PickItem {
                    kind: entity.kind,
                    label: label_for(entity, self.library.countries()),
                    count: 1,
                    query,
                    trend: Vec::new(),
                }),
            }
        }
        items.sort_by_key(|item| std::cmp::Reverse(item.count));
        self.overlay = Some(Overlay::Pick {
            title: "In this story".into(),
            items,
            selected: 0,
        });
    }

    /// The library's most named people and countries, with their mentions over time.
    pub(super) fn show_who_and_where(&mut self) {
        match self.library.who_and_where(PROMINENT, TREND_BUCKETS) {
            Ok(found) => {
                let items = found
                    .into_iter()
                    .map(|p| PickItem {
                        kind: p.kind,
                        label: p.label,
                        count: p.articles,
                        query: p.query,
                        trend: p.trend,
                    })
                    .collect();
                self.overlay = Some(Overlay::Pick {
                    title: "Who and where, by articles".into(),
                    items,
                    selected: 0,
                });
            }
            Err(error) => self.message = Some(format!("who and where: {error}")),
        }
    }
}

/// The search that finds an entity: a person or country by its canonical form.
pub(super) fn query_for(entity: &crate::entities::Entity) -> String {
    crate::library::query::entity_clause(entity.kind, &entity.canonical)
        .unwrap_or_else(|| format!("\"{}\"", entity.text.replace('"', " ")))
}

fn label_for(
    entity: &crate::entities::Entity,
    countries: &crate::entities::countries::Gazetteer,
) -> String {
    match entity.kind {
        crate::entities::Kind::Country => countries.name_of(&entity.canonical),
        _ => entity.canonical.clone(),
    }
}
