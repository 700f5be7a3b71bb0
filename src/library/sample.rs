//! The sample library compiled into the binary, so the reader works with no files installed.

/// (file name, bytes) of each bundled article.
pub const FILES: &[(&str, &[u8])] = &[
    ("chipmaker-low-power-ai.json", include_bytes!("../../assets/articles/chipmaker-low-power-ai.json")),
    ("climate-panel-coastal-defences.txt", include_bytes!("../../assets/articles/climate-panel-coastal-defences.txt")),
    ("coach-biggest-night.json", include_bytes!("../../assets/articles/coach-biggest-night.json")),
    ("election-paper-ballots.json", include_bytes!("../../assets/articles/election-paper-ballots.json")),
    ("eu-cyber-defence-unit.md", include_bytes!("../../assets/articles/eu-cyber-defence-unit.md")),
    ("harbour-city-floods.txt", include_bytes!("../../assets/articles/harbour-city-floods.txt")),
    ("night-tram-service.txt", include_bytes!("../../assets/articles/night-tram-service.txt")),
    ("phone-makers-offline-ai.md", include_bytes!("../../assets/articles/phone-makers-offline-ai.md")),
    ("river-towns-floods.md", include_bytes!("../../assets/articles/river-towns-floods.md")),
    ("tram-drivers-strike.txt", include_bytes!("../../assets/articles/tram-drivers-strike.txt")),
    ("trump-putin-cyber-security.txt", include_bytes!("../../assets/articles/trump-putin-cyber-security.txt")),
    ("underdogs-reach-cup-final.md", include_bytes!("../../assets/articles/underdogs-reach-cup-final.md")),
];
