//! Everything a user can ask the reader for, as data: keys and mouse map to these, and
//! `App::update` is the one place that applies them.

/// A named action. The names are those of the `[keys]` table in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    Open,
    Back,
    FocusNext,
    FocusPrev,
    NextArticle,
    PrevArticle,
    ToggleBookmark,
    BookmarksOnly,
    UnreadOnly,
    ToggleRead,
    Search,
    NextMatch,
    PrevMatch,
    ToggleSidebar,
    ShowWhy,
    OpenUrl,
    Reload,
    Fetch,
    Add,
    ShowErrors,
    Help,
    Quit,
    ForceQuit,
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: [Action; 31] = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Back,
        Action::FocusNext,
        Action::FocusPrev,
        Action::NextArticle,
        Action::PrevArticle,
        Action::ToggleBookmark,
        Action::BookmarksOnly,
        Action::UnreadOnly,
        Action::ToggleRead,
        Action::Search,
        Action::NextMatch,
        Action::PrevMatch,
        Action::ToggleSidebar,
        Action::ShowWhy,
        Action::OpenUrl,
        Action::Reload,
        Action::Fetch,
        Action::Add,
        Action::ShowErrors,
        Action::Help,
        Action::Quit,
        Action::ForceQuit,
    ];

    /// The name used in the config file's `[keys]` table.
    pub fn name(self) -> &'static str {
        match self {
            Action::Down => "down",
            Action::Up => "up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Back => "back",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::NextArticle => "next_article",
            Action::PrevArticle => "prev_article",
            Action::ToggleBookmark => "bookmark",
            Action::BookmarksOnly => "bookmarks_only",
            Action::UnreadOnly => "unread_only",
            Action::ToggleRead => "toggle_read",
            Action::Search => "search",
            Action::NextMatch => "next_match",
            Action::PrevMatch => "prev_match",
            Action::ToggleSidebar => "sidebar",
            Action::ShowWhy => "why_related",
            Action::OpenUrl => "open_url",
            Action::Reload => "reload",
            Action::Fetch => "fetch",
            Action::Add => "add",
            Action::ShowErrors => "errors",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::ForceQuit => "force_quit",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// What the action does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Down => "move down / scroll down",
            Action::Up => "move up / scroll up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::Top => "jump to the top",
            Action::Bottom => "jump to the bottom",
            Action::Open => "open the selected article",
            Action::Back => "go back",
            Action::FocusNext => "focus the next pane",
            Action::FocusPrev => "focus the previous pane",
            Action::NextArticle => "next article while reading",
            Action::PrevArticle => "previous article while reading",
            Action::ToggleBookmark => "bookmark or unbookmark",
            Action::BookmarksOnly => "show bookmarks only",
            Action::UnreadOnly => "show unread only",
            Action::ToggleRead => "mark read or unread",
            Action::Search => "search (source:, tag:, since:, until:, is:)",
            Action::NextMatch => "next search match",
            Action::PrevMatch => "previous search match",
            Action::ToggleSidebar => "show or hide the sidebar",
            Action::ShowWhy => "why is this related?",
            Action::OpenUrl => "open the article's url in the browser",
            Action::Reload => "reload the library",
            Action::Fetch => "fetch the feeds in the background",
            Action::Add => "save a page by its url, to read later",
            Action::ShowErrors => {
                "list the files that could not be read, or were read with a warning"
            }
            Action::Help => "this help",
            Action::Quit => "go back, or quit",
            Action::ForceQuit => "quit from anywhere",
        }
    }
}
