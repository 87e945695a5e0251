"""What people look at: the offline HTML explorer (`explorer`), the notebooks' charts (`charts`) and safe
embedding for our HTML pages (`html`)."""
