//! The demo offices, as a table: one county passport service (Serviciul Public Comunitar de
//! Pașapoarte) per county in the county seat, both Bucharest sites, and a few branch offices.
//!
//! Where a public source gave the office's own address it is used (Alba, Cluj, Constanța,
//! Timiș, Ilfov, Prahova, Bucharest, Câmpina); elsewhere the address is that of the county
//! prefecture (Instituția Prefectului), under which every county passport service works.
//! Addresses are public institutions' only — never a private person's.

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeRow {
    /// County code from `epasapoarte_domain::county::COUNTIES`.
    pub county: &'static str,
    pub name: &'static str,
    /// Street and number; the town is appended to make the postal address.
    pub street: &'static str,
    pub town: &'static str,
    /// Counters open = seats per slot, by office size.
    pub counters: u16,
}

/// The busiest services (the capital and the largest cities).
const LARGE: u16 = 6;
/// Mid-sized county seats.
const MEDIUM: u16 = 4;
/// Smaller county seats.
const SMALL: u16 = 3;
/// Branch offices (puncte de lucru).
const BRANCH: u16 = 2;

const fn row(
    county: &'static str,
    name: &'static str,
    street: &'static str,
    town: &'static str,
    counters: u16,
) -> OfficeRow {
    OfficeRow {
        county,
        name,
        street,
        town,
        counters,
    }
}

/// Every demo office; the county services first, in the order of `COUNTIES`.
#[rustfmt::skip]
pub const OFFICES: &[OfficeRow] = &[
    row("AB", "Serviciul Public Comunitar de Pașapoarte Alba", "Piața Iuliu Maniu nr. 14A", "Alba Iulia", SMALL),
    row("AR", "Serviciul Public Comunitar de Pașapoarte Arad", "Bd. Revoluției nr. 75", "Arad", MEDIUM),
    row("AG", "Serviciul Public Comunitar de Pașapoarte Argeș", "Piața Vasile Milea nr. 1", "Pitești", MEDIUM),
    row("BC", "Serviciul Public Comunitar de Pașapoarte Bacău", "Str. Mărășești nr. 2", "Bacău", MEDIUM),
    row("BH", "Serviciul Public Comunitar de Pașapoarte Bihor", "Parcul Traian nr. 5", "Oradea", MEDIUM),
    row("BN", "Serviciul Public Comunitar de Pașapoarte Bistrița-Năsăud", "Piața Petru Rareș nr. 1", "Bistrița", SMALL),
    row("BT", "Serviciul Public Comunitar de Pașapoarte Botoșani", "Piața Revoluției nr. 3-5", "Botoșani", SMALL),
    row("BV", "Serviciul Public Comunitar de Pașapoarte Brașov", "Bd. Eroilor nr. 5", "Brașov", LARGE),
    row("BR", "Serviciul Public Comunitar de Pașapoarte Brăila", "Piața Independenței nr. 1", "Brăila", SMALL),
    row("B", "Serviciul Public Comunitar de Pașapoarte București — Plaza România", "Bd. Timișoara nr. 26, sector 6", "București", LARGE),
    row("BZ", "Serviciul Public Comunitar de Pașapoarte Buzău", "Bd. Nicolae Bălcescu nr. 48", "Buzău", SMALL),
    row("CS", "Serviciul Public Comunitar de Pașapoarte Caraș-Severin", "Str. 1 Decembrie 1918 nr. 1", "Reșița", SMALL),
    row("CL", "Serviciul Public Comunitar de Pașapoarte Călărași", "Str. București nr. 140", "Călărași", SMALL),
    row("CJ", "Serviciul Public Comunitar de Pașapoarte Cluj", "Str. Zrínyi Miklós nr. 2-4", "Cluj-Napoca", LARGE),
    row("CT", "Serviciul Public Comunitar de Pașapoarte Constanța", "Str. Ștefan cel Mare nr. 36 (Tomis Mall, etajul 3)", "Constanța", LARGE),
    row("CV", "Serviciul Public Comunitar de Pașapoarte Covasna", "Str. József Attila nr. 2", "Sfântu Gheorghe", SMALL),
    row("DB", "Serviciul Public Comunitar de Pașapoarte Dâmbovița", "Piața Tricolorului nr. 1", "Târgoviște", SMALL),
    row("DJ", "Serviciul Public Comunitar de Pașapoarte Dolj", "Str. Unirii nr. 19", "Craiova", MEDIUM),
    row("GL", "Serviciul Public Comunitar de Pașapoarte Galați", "Str. Eroilor nr. 7", "Galați", MEDIUM),
    row("GR", "Serviciul Public Comunitar de Pașapoarte Giurgiu", "Bd. București nr. 10", "Giurgiu", SMALL),
    row("GJ", "Serviciul Public Comunitar de Pașapoarte Gorj", "Str. Victoriei nr. 4", "Târgu Jiu", SMALL),
    row("HR", "Serviciul Public Comunitar de Pașapoarte Harghita", "Piața Libertății nr. 5", "Miercurea Ciuc", SMALL),
    row("HD", "Serviciul Public Comunitar de Pașapoarte Hunedoara", "Str. 1 Decembrie 1918 nr. 28", "Deva", MEDIUM),
    row("IL", "Serviciul Public Comunitar de Pașapoarte Ialomița", "Piața Revoluției nr. 1", "Slobozia", SMALL),
    row("IS", "Serviciul Public Comunitar de Pașapoarte Iași", "Str. Anastasie Panu nr. 60", "Iași", LARGE),
    // The Ilfov service has always worked in Bucharest, not in the county.
    row("IF", "Serviciul Public Comunitar de Pașapoarte Ilfov", "Str. Fabrica de Glucoză nr. 7-9, sector 2", "București", MEDIUM),
    row("MM", "Serviciul Public Comunitar de Pașapoarte Maramureș", "Str. Gheorghe Șincai nr. 46", "Baia Mare", MEDIUM),
    row("MH", "Serviciul Public Comunitar de Pașapoarte Mehedinți", "Str. Traian nr. 89", "Drobeta-Turnu Severin", SMALL),
    row("MS", "Serviciul Public Comunitar de Pașapoarte Mureș", "Piața Victoriei nr. 1", "Târgu Mureș", MEDIUM),
    row("NT", "Serviciul Public Comunitar de Pașapoarte Neamț", "Str. Alexandru cel Bun nr. 27", "Piatra Neamț", SMALL),
    row("OT", "Serviciul Public Comunitar de Pașapoarte Olt", "Str. Mihail Kogălniceanu nr. 1", "Slatina", SMALL),
    row("PH", "Serviciul Public Comunitar de Pașapoarte Prahova", "Str. Vasile Lupu nr. 1", "Ploiești", LARGE),
    row("SM", "Serviciul Public Comunitar de Pașapoarte Satu Mare", "Piața 25 Octombrie nr. 1", "Satu Mare", SMALL),
    row("SJ", "Serviciul Public Comunitar de Pașapoarte Sălaj", "Piața 1 Decembrie 1918 nr. 12", "Zalău", SMALL),
    row("SB", "Serviciul Public Comunitar de Pașapoarte Sibiu", "Str. Andrei Șaguna nr. 10", "Sibiu", MEDIUM),
    row("SV", "Serviciul Public Comunitar de Pașapoarte Suceava", "Str. Ștefan cel Mare nr. 36", "Suceava", MEDIUM),
    row("TR", "Serviciul Public Comunitar de Pașapoarte Teleorman", "Str. Dunării nr. 178", "Alexandria", SMALL),
    row("TM", "Serviciul Public Comunitar de Pașapoarte Timiș", "Str. Aristide Demetriade nr. 1 (Iulius Mall, etajul 1)", "Timișoara", LARGE),
    row("TL", "Serviciul Public Comunitar de Pașapoarte Tulcea", "Str. Păcii nr. 20", "Tulcea", SMALL),
    row("VS", "Serviciul Public Comunitar de Pașapoarte Vaslui", "Str. Ștefan cel Mare nr. 59", "Vaslui", SMALL),
    row("VL", "Serviciul Public Comunitar de Pașapoarte Vâlcea", "Str. General Praporgescu nr. 1", "Râmnicu Vâlcea", SMALL),
    row("VN", "Serviciul Public Comunitar de Pașapoarte Vrancea", "Bd. Dimitrie Cantemir nr. 1 bis", "Focșani", SMALL),
    // Second sites and branch offices (puncte de lucru) of the busiest counties.
    row("B", "Serviciul Public Comunitar de Pașapoarte București — ParkLake", "Str. Liviu Rebreanu nr. 4, sector 3", "București", LARGE),
    row("CJ", "Serviciul Public Comunitar de Pașapoarte Cluj — punctul de lucru Turda", "Piața 1 Decembrie 1918 nr. 28", "Turda", BRANCH),
    row("PH", "Serviciul Public Comunitar de Pașapoarte Prahova — punctul de lucru Câmpina", "Calea Doftanei nr. 18", "Câmpina", BRANCH),
    row("TM", "Serviciul Public Comunitar de Pașapoarte Timiș — punctul de lucru Lugoj", "Piața Victoriei nr. 4", "Lugoj", BRANCH),
];
