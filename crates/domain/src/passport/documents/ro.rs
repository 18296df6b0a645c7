//! The Romanian wording of each document, from the official texts (with ș and ț
//! comma-below, though many official pages print the cedilla forms ş and ţ).

use super::Document;

pub(super) const fn text(d: Document) -> &'static str {
    match d {
        Document::IdentityCard => {
            "Cartea de identitate, cartea de identitate provizorie sau, după caz, buletinul de identitate, aflate în termen de valabilitate, în original. Cartea de identitate provizorie trebuie însoțită de certificatul de naștere, în original."
        }
        Document::FeeReceipt => {
            "Documentul care face dovada achitării contravalorii pașaportului, în original, sau documentul de plată/dovada tranzacției, editat(ă) pe suport hârtie sau în format electronic, care conține numărul tranzacției și datele persoanei pe numele căreia se solicită eliberarea documentului de călătorie (nume, prenume, CNP), precum și suma achitată, aferentă tipului de pașaport solicitat."
        }
        Document::PreviousPassport => "Pașaportul anterior, dacă acesta există.",
        Document::ApplicantInPerson => "Documentele se depun personal, de către solicitant.",
        Document::MinorBirthCertificate => "Certificatul de naștere al minorului, în original.",
        Document::ParentsIdentityDocuments => {
            "Documentul/documentele de identitate al părintelui/ale părinților, al reprezentantului legal sau, după caz, al persoanei împuternicite, aflate în termen de valabilitate, în original."
        }
        Document::MinorPreviousPassport => "Pașaportul anterior al minorului, dacă acesta există.",
        Document::MinorPresent => {
            "La depunerea documentelor, prezența minorului este obligatorie; documentele se depun de către părinți/părinte/reprezentantul legal/persoana împuternicită."
        }
        Document::MinorPresentOrPhotos => {
            "Documentele se depun de către părinți/părinte/reprezentantul legal/persoana împuternicită; când minorul nu este prezent la depunerea cererii, părinții atașează și două fotografii color identice ale acestuia, de dimensiune 3,5 x 4,5 cm."
        }
        Document::OtherParentConsentOrPowerOfAttorney => {
            "Dacă cererea este formulată de un singur părinte: procura specială prin care un părinte îl împuternicește pe celălalt părinte sau declarația privind acordul celuilalt părinte, în original, ori duplicat de pe actul original pentru procura specială și declarația celuilalt părinte, autentificate și eliberate începând cu data de 1 ianuarie 2013."
        }
        Document::AuthorisedPersonPowerOfAttorney => {
            "Pentru cererile formulate de persoana împuternicită: procura specială, în original, sau duplicat de pe actul original pentru procurile speciale autentificate și eliberate începând cu data de 1 ianuarie 2013."
        }
        Document::SoleParentalAuthorityDecision => {
            "Dacă un singur părinte exercită autoritatea părintească: hotărârea judecătorească de încredințare a minorului, rămasă definitivă și irevocabilă, ori hotărârea judecătorească în temeiul căreia părintele exercită singur autoritatea părintească, rămasă definitivă și irevocabilă sau rămasă definitivă pentru procesele începute cu data de 15 februarie 2013, ori ordonanța președințială care cuprinde în mod expres faptul că părintele are dreptul de a solicita eliberarea pașaportului sau de a-și da singur acordul pentru eliberarea acestuia, în original."
        }
        Document::CourtDecisionReplacingConsent => {
            "Hotărârea judecătorească rămasă definitivă și irevocabilă, hotărârea judecătorească rămasă definitivă pentru procesele începute cu data de 15 februarie 2013 ori ordonanța președințială, prin care instanța a suplinit acordul celuilalt părinte pentru eliberarea pașaportului, în original."
        }
        Document::OtherParentDeathCertificate => {
            "Actul de deces al celuilalt părinte, când cererea este formulată sau acordul este dat de părintele supraviețuitor, în original."
        }
        Document::LegalRepresentativeAppointment => {
            "Actul de desemnare a reprezentantului legal, când cererea este formulată sau acordul este dat de acesta."
        }
        Document::MinorIdentityCard => {
            "Cartea de identitate sau, după caz, cartea de identitate provizorie a minorului, aflate în termen de valabilitate, în original. Cartea de identitate provizorie, precum și cartea de identitate fără prenumele părinților trebuie însoțite de certificatul de naștere al minorului, în original."
        }
        Document::ParentsConsentDeclarations => {
            "Declarațiile privind acordul de eliberare a pașaportului, date, după caz, de ambii părinți/un singur părinte/părintele supraviețuitor/reprezentantul legal, în original sau duplicat de pe actul original, pentru declarațiile autentificate și eliberate începând cu data de 1 ianuarie 2013 (pentru minorii căsătoriți în condițiile legii nu sunt necesare aceste declarații). Atunci când declarațiile de acord se dau la ghișeu, este obligatorie prezentarea documentelor de identitate ale părinților, al unuia dintre părinți sau al reprezentantului legal, aflate în termen de valabilitate, în original."
        }
        Document::MinorMarriageCertificate => {
            "Pentru minorul căsătorit în condițiile legii: certificatul de căsătorie, în original (în locul declarațiilor de acord ale părinților)."
        }
        Document::MinorInPerson => {
            "Documentele se depun personal de către minor, prezența acestuia la ghișeu fiind obligatorie."
        }
        Document::RomanianCivilStatusCertificates => {
            "Certificatele de stare civilă românești, în original, cu CNP atribuit (de exemplu, certificatul de naștere, certificatul de căsătorie)."
        }
        Document::ResidenceAbroadProof => {
            "Documentele eliberate de autoritățile statului de domiciliu, în original, împreună cu traducerea autorizată în limba română, după caz, din care să rezulte că solicitantul: a dobândit un drept de ședere pentru o perioadă de cel puțin un an sau, după caz, i s-a prelungit succesiv dreptul de ședere, în decurs de un an, pe teritoriul statului respectiv; a dobândit un drept de ședere pe teritoriul statului respectiv, în scopul reunificării familiale cu o persoană care domiciliază pe teritoriul acelui stat; a dobândit un drept de lungă ședere sau, după caz, un drept de ședere permanentă pe teritoriul statului respectiv; a dobândit și cetățenia statului respectiv; a dobândit un drept de muncă ori este înscris într-o instituție privată sau publică cu scopul principal de a urma studii, inclusiv de formare profesională; ori a dobândit un certificat de înregistrare sau document care atestă rezidența într-un stat membru al Uniunii Europene, al Spațiului Economic European sau în Confederația Elvețiană."
        }
        Document::MinorRomanianBirthCertificate => {
            "Certificatul de naștere românesc al minorului, cu CNP atribuit, în original."
        }
        Document::MinorDomicileAbroadProof => {
            "Dovada domiciliului în străinătate al minorului, care se face cu: pașaportul acestuia, în care este menționat statul de domiciliu, numai dacă cel puțin unul dintre părinți domiciliază în statul respectiv; ori pașaportul părinților, al unuia dintre părinți sau al reprezentantului legal, după cum urmează: pașapoartele ambilor părinți, în cazul în care aceștia au domiciliul în același stat; pașaportul unuia dintre părinți și declarația celuilalt părinte, prin care își exprimă acordul cu privire la domiciliul minorului sau, după caz, hotărârea judecătorească prin care instanța a stabilit domiciliul minorului la unul dintre părinți; pașaportul părintelui supraviețuitor; pașaportul părintelui căruia i-a fost încredințat minorul ori al părintelui care exercită singur autoritatea părintească, prin hotărâre judecătorească definitivă; pașaportul reprezentantului legal."
        }
        Document::UrgencyProof => {
            "Pentru eliberarea în termen de cel mult 3 zile lucrătoare, în situațiile urgente prevăzute de lege: documentele justificative care dovedesc urgența, prezentate la depunerea cererii (de exemplu, documente care atestă motivele de sănătate, familiale sau profesionale ale deplasării urgente în străinătate). În celelalte cazuri, pașaportul simplu temporar se eliberează în termen de 10 zile lucrătoare."
        }
    }
}
