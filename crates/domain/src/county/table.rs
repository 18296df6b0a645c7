//! The table of the 41 counties and Bucharest: code, name and CNP codes of each.

use super::County;

/// Shorthand for the table below.
const fn county(code: &'static str, name: &'static str, cnp_codes: &'static [u8]) -> County {
    County {
        code,
        name,
        cnp_codes,
    }
}

/// All counties and Bucharest, in Romanian alphabetical order of their names
/// (ă after a, â after ă, ș after s, ț after t), the order a citizen expects in a list.
///
/// The CNP codes follow the old alphabetical county list (01 Alba … 39 Vrancea,
/// 40 Bucharest as a whole); the Bucharest sectors got 41–46 (47 is the former sector 7),
/// and the two counties created in 1981, Călărași and Giurgiu, got 51 and 52.
pub const COUNTIES: [County; 42] = [
    county("AB", "Alba", &[1]),
    county("AR", "Arad", &[2]),
    county("AG", "Argeș", &[3]),
    county("BC", "Bacău", &[4]),
    county("BH", "Bihor", &[5]),
    county("BN", "Bistrița-Năsăud", &[6]),
    county("BT", "Botoșani", &[7]),
    county("BV", "Brașov", &[8]),
    county("BR", "Brăila", &[9]),
    county("B", "București", &[40, 41, 42, 43, 44, 45, 46, 47]),
    county("BZ", "Buzău", &[10]),
    county("CS", "Caraș-Severin", &[11]),
    county("CL", "Călărași", &[51]),
    county("CJ", "Cluj", &[12]),
    county("CT", "Constanța", &[13]),
    county("CV", "Covasna", &[14]),
    county("DB", "Dâmbovița", &[15]),
    county("DJ", "Dolj", &[16]),
    county("GL", "Galați", &[17]),
    county("GR", "Giurgiu", &[52]),
    county("GJ", "Gorj", &[18]),
    county("HR", "Harghita", &[19]),
    county("HD", "Hunedoara", &[20]),
    county("IL", "Ialomița", &[21]),
    county("IS", "Iași", &[22]),
    county("IF", "Ilfov", &[23]),
    county("MM", "Maramureș", &[24]),
    county("MH", "Mehedinți", &[25]),
    county("MS", "Mureș", &[26]),
    county("NT", "Neamț", &[27]),
    county("OT", "Olt", &[28]),
    county("PH", "Prahova", &[29]),
    county("SM", "Satu Mare", &[30]),
    county("SJ", "Sălaj", &[31]),
    county("SB", "Sibiu", &[32]),
    county("SV", "Suceava", &[33]),
    county("TR", "Teleorman", &[34]),
    county("TM", "Timiș", &[35]),
    county("TL", "Tulcea", &[36]),
    county("VS", "Vaslui", &[37]),
    county("VL", "Vâlcea", &[38]),
    county("VN", "Vrancea", &[39]),
];
